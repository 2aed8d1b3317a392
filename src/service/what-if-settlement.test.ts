/**
 * The what-if settlement (yibao settle --input case.json): the example case computes E-2's figures,
 * the documents agree with their JSON Schemas, and a broken case is a coded Chinese error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { whatIfSettlement } from './what-if-settlement.ts';

const ROOT = join(import.meta.dirname, '../..');
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const example = () => readJson('data/examples/case-employee-inpatient.json');

describe('whatIfSettlement', () => {
  it('settles the example case like examples/settlement E-2 (balance 2,000, account may pay everything personal)', () => {
    const r = whatIfSettlement(example());
    if (!r.ok) throw new Error(r.error.message);
    const t = r.value.result.totals;
    expect([t.totalFen, t.inScopeFen, t.deductiblePaidFen, t.pooledFen, t.accountFen, t.cashFen]).toEqual([
      3_000_000, 2_520_000, 80_000, 2_074_000, 200_000, 726_000,
    ]);
    expect(r.value.explanation).toContain('统筹基金第 1 段');
    expect(JSON.parse(JSON.stringify(r.value.result))).toEqual(r.value.result);
  });

  it('fills the amount of a line from price × quantity when it is omitted', () => {
    const doc = example();
    const lines = (doc.feeLines as Record<string, unknown>[]).map(({ amountFen: _a, ...rest }) => rest);
    const r = whatIfSettlement({ ...doc, feeLines: lines });
    expect(r.ok && r.value.result.totals.totalFen).toBe(3_000_000);
  });

  it('picks the policy version in force from a list of versions', () => {
    const doc = example();
    const policy = doc.policy as Record<string, unknown>;
    const old = { ...policy, version: '2025.1', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' };
    const { policy: _p, ...rest } = doc;
    const r = whatIfSettlement({ ...rest, policies: [old, policy] });
    expect(r.ok && r.value.result.policyVersion).toBe('2026.1');
  });

  it.each([
    [
      'a misspelt field',
      (d: Record<string, unknown>) => ({ ...d, setledAt: d.settledAt }),
      'CASE_FIELD_INVALID',
      'case.setledAt',
    ],
    [
      'a bad quantity',
      (d: Record<string, unknown>) => ({
        ...d,
        feeLines: [{ lineNo: '1', itemCode: 'X', unitPriceFen: 1, quantity: '1.23456' }],
      }),
      'CASE_QUANTITY_INVALID',
      'feeLines[0].quantity',
    ],
    [
      'a broken policy',
      (d: Record<string, unknown>) => ({ ...d, policy: { ...(d.policy as object), rules: [] } }),
      'CASE_POLICY_INVALID',
      'policy.rules',
    ],
    [
      'a line amount that is not price × quantity',
      (d: Record<string, unknown>) => ({
        ...d,
        feeLines: [
          { lineNo: '1', itemCode: 'XA-DRUG-001', unitPriceFen: 100, quantity: '2', amountFen: 201 },
        ],
      }),
      'FEE_LINE_AMOUNT_MISMATCH',
      'det_item_fee_sumamt',
    ],
  ] as const)('rejects %s with a coded Chinese error', (_name, mutate, code, field) => {
    const r = whatIfSettlement(mutate(example()));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code.startsWith(code)).toBe(true);
    expect(r.error.field).toBe(field);
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('documents agree with docs/*.schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(readJson('docs/policy.schema.json'));
  const validateCase = ajv.compile(readJson('docs/settlement-case.schema.json'));
  const validatePolicyDoc = ajv.getSchema('https://yibao.example/docs/policy.schema.json');

  it('the example case is valid', () => {
    expect(validateCase(example()), JSON.stringify(validateCase.errors)).toBe(true);
  });

  it.each(readdirSync(join(ROOT, 'data/examples/policies')))('policy %s is valid', (f) => {
    expect(
      validatePolicyDoc?.(readJson(`data/examples/policies/${f}`)),
      JSON.stringify(validatePolicyDoc?.errors),
    ).toBe(true);
  });

  it('the schema rejects what validatePolicy rejects for shape (an unknown field)', () => {
    expect(
      validatePolicyDoc?.({ ...readJson('data/examples/policies/341700-310-employee.demo.json'), ratio: 1 }),
    ).toBe(false);
  });
});
