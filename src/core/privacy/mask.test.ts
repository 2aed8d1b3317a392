import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdCard, maskIdentifiersInText, maskPhone } from './mask.ts';

describe('masking personal identifiers', () => {
  it('masks an ID card to its first 6 and last 4 characters', () => {
    expect(maskIdCard('341702199001011234')).toBe('341702********1234');
    expect(maskIdCard('34170219900101123X')).toBe('341702********123X');
  });

  it('masks a mobile number to its first 3 and last 4 digits', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('masks every ID-card and phone number inside free text and leaves other digits alone', () => {
    const text = '/api/persons?certno=341702199001011234&phone=13912345678&psn_no=34170000000000001';
    expect(maskIdentifiersInText(text)).toBe(
      '/api/persons?certno=341702********1234&phone=139****5678&psn_no=34170000000000001',
    );
  });

  it('never lets the middle 8 digits of any 18-character ID number through', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdentifiersInText(`certno=${id}`);
        expect(masked).not.toContain(id.slice(6, 14));
      }),
      { numRuns: 2000 },
    );
  });
});
