/** JSON schemas of the clearing and reconciliation REST bodies (English names, amounts in integer fen). */
import type { Fen } from '../../core/money/index.ts';

export const periodParam = {
  type: 'object',
  required: ['period'],
  properties: { period: { type: 'string', maxLength: 7 } },
} as const;

export const statementParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 80 } },
} as const;

const fenSchema = { type: 'integer', minimum: -999_999_999_999_999, maximum: 999_999_999_999_999 } as const;
const code = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const date = { type: 'string', maxLength: 10 } as const;

export const advanceBody = {
  type: 'object',
  required: ['insuredRegionCode', 'treatmentRegionCode', 'amountFen', 'effectiveDate'],
  additionalProperties: false,
  properties: {
    insuredRegionCode: code(6),
    treatmentRegionCode: code(6),
    amountFen: fenSchema,
    effectiveDate: date,
    memo: { type: 'string', maxLength: 500 },
  },
} as const;

const scopeProperties = {
  institutionCode: code(30),
  beginDate: date,
  endDate: date,
  insuranceType: code(6),
  clearingType: code(6),
  insuredRegionCode: code(6),
  includesRefunds: { type: 'boolean' },
} as const;

export interface ScopeBody {
  institutionCode: string;
  beginDate: string;
  endDate: string;
  insuranceType?: string;
  clearingType?: string;
  insuredRegionCode?: string;
  includesRefunds?: boolean;
}

export interface TotalsBody extends ScopeBody {
  insuranceType: string;
  clearingType: string;
  institution: { settlementCount: number; medicalTotalFen: Fen; fundPayFen: Fen; accountPayFen: Fen };
}

export const totalsBody = {
  type: 'object',
  required: ['institutionCode', 'beginDate', 'endDate', 'insuranceType', 'clearingType', 'institution'],
  additionalProperties: false,
  properties: {
    ...scopeProperties,
    institution: {
      type: 'object',
      required: ['settlementCount', 'medicalTotalFen', 'fundPayFen', 'accountPayFen'],
      additionalProperties: false,
      properties: {
        settlementCount: { type: 'integer', minimum: 0, maximum: 9_999_999_999 },
        medicalTotalFen: fenSchema,
        fundPayFen: fenSchema,
        accountPayFen: fenSchema,
      },
    },
  },
} as const;

export interface DetailBody extends ScopeBody {
  items: {
    settlementId: string;
    visitId: string;
    psnNo: string;
    medicalTotalFen: Fen;
    fundPayFen: Fen;
    accountPayFen: Fen;
    refund: boolean;
  }[];
}

export const detailBody = {
  type: 'object',
  required: ['institutionCode', 'beginDate', 'endDate', 'items'],
  additionalProperties: false,
  properties: {
    ...scopeProperties,
    items: {
      type: 'array',
      maxItems: 20_000,
      items: {
        type: 'object',
        required: [
          'settlementId',
          'visitId',
          'psnNo',
          'medicalTotalFen',
          'fundPayFen',
          'accountPayFen',
          'refund',
        ],
        additionalProperties: false,
        properties: {
          settlementId: code(30),
          visitId: code(30),
          psnNo: code(30),
          medicalTotalFen: fenSchema,
          fundPayFen: fenSchema,
          accountPayFen: fenSchema,
          refund: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** A drill-down page: `limit` 1–1000 rows, `cursor` the previous page's nextCursor. */
export interface PageQuery {
  cursor?: string;
  limit?: number | string;
}

export const pageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cursor: { type: 'string', maxLength: 200 },
    // A digit string too: ajv does not coerce (coerceTypes: false), and query strings are text.
    limit: {
      anyOf: [
        { type: 'integer', minimum: 1, maximum: 1000 },
        { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$' },
      ],
    },
  },
} as const;

/** The page options the drill-down services take, from a validated PageQuery. */
export function pageOptions(query: PageQuery): { cursor: string | undefined; limit: number | undefined } {
  return { cursor: query.cursor, limit: query.limit === undefined ? undefined : Number(query.limit) };
}
