/** The web page's yuan parser: typed yuan strings to integer fen, without floats, and back. */
import { describe, expect, it } from 'vitest';
import { fenToYuan, yuanToFen } from '../../src/web/money.ts';

describe('yuanToFen', () => {
  it('reads whole yuan, one and two decimals, negatives and surrounding spaces as integer fen', () => {
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('12.3')).toBe(1230);
    expect(yuanToFen('12.34')).toBe(1234);
    expect(yuanToFen(' 0.07 ')).toBe(7);
    expect(yuanToFen('-5.01')).toBe(-501);
    expect(yuanToFen('-0')).toBe(0);
    expect(yuanToFen('9999999999999.99')).toBe(999_999_999_999_999);
  });

  it('is exact where a float is not: 0.29, 4.35, 1234567.89', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('4.35')).toBe(435);
    expect(yuanToFen('1234567.89')).toBe(123_456_789);
  });

  it('refuses more than two decimals, empty text, exponents, separators and stray characters', () => {
    for (const bad of [
      '',
      ' ',
      '1.234',
      '1e3',
      '1,000',
      '¥1',
      '1.',
      '.5',
      '+1',
      '--1',
      '1.2.3',
      'abc',
      '12元',
    ]) {
      expect(yuanToFen(bad), bad).toBeNull();
    }
    expect(yuanToFen('99999999999999')).toBeNull();
  });

  it('round-trips with fenToYuan', () => {
    for (const fen of [0, 1, 10, 99, 100, 12345, -1, -12345, 999_999_999_999_999]) {
      expect(yuanToFen(fenToYuan(fen))).toBe(fen);
    }
  });
});
