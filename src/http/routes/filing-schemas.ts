/** JSON schemas (OpenAPI) of the filing and calendar routes. */
import { FilingType } from '../../core/filing/index.ts';

export { errorBody, errors } from '../error-schemas.ts';

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const region = { type: 'string', pattern: '^\\d{6}$' } as const;
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

const target = {
  type: 'object',
  description:
    '备案就医地：城市 {"scope":"city","regionCode":"420100"} 或全省 {"scope":"province","provinceCode":"420000"}',
  properties: {
    scope: { type: 'string', enum: ['city', 'province'] },
    regionCode: region,
    provinceCode: region,
  },
  required: ['scope'],
  additionalProperties: false,
} as const;

const referral = {
  type: 'object',
  description: '转诊信息（转诊转院备案必填）',
  properties: {
    diseaseCode: { type: 'string', minLength: 1, maxLength: 30 },
    referringInstitutionCode: { type: 'string', maxLength: 30 },
    certificateUploaded: { type: 'boolean' },
  },
  required: ['diseaseCode', 'certificateUploaded'],
  additionalProperties: false,
} as const;

const requestProperties = {
  type: { type: 'string', enum: Object.values(FilingType) },
  target,
  validFrom: { ...date, description: '开始日期，默认今天；入院后补办可填入院日期（R-F5）' },
  referral,
  commitmentSigned: { type: 'boolean', description: '已签署个人承诺书（长期备案即时通过）' },
} as const;

export const filingRequest = {
  type: 'object',
  properties: requestProperties,
  required: ['type', 'target'],
  additionalProperties: false,
} as const;

export const windowFilingRequest = {
  type: 'object',
  properties: { ...requestProperties, psnNo: { type: 'string', minLength: 1, maxLength: 30 } },
  required: ['psnNo', 'type', 'target'],
  additionalProperties: false,
} as const;

export const changeRequest = {
  type: 'object',
  description: '变更内容；未填写的项沿用原备案',
  properties: requestProperties,
  additionalProperties: false,
} as const;

const historyEntry = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    event: { type: 'string' },
    from: nullable({ type: 'string' }),
    to: { type: 'string' },
    actor: { type: 'string' },
    note: { type: 'string' },
  },
} as const;

export const filingView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    personNo: { type: 'string' },
    insuredRegionCode: { type: 'string' },
    type: { type: 'string' },
    typeName: { type: 'string' },
    target: { type: 'object', properties: target.properties },
    channel: { type: 'string' },
    channelName: { type: 'string' },
    status: { type: 'string' },
    statusName: { type: 'string' },
    validFrom: { type: 'string' },
    validTo: nullable({ type: 'string' }),
    validityText: { type: 'string' },
    submittedAt: { type: 'string' },
    reviewDeadlineDate: nullable({ type: 'string' }),
    approvedAt: nullable({ type: 'string' }),
    endedOn: nullable({ type: 'string' }),
    supersedes: nullable({ type: 'string' }),
    supersededBy: nullable({ type: 'string' }),
    referral: nullable({ type: 'object', properties: referral.properties }),
    rejectionReason: nullable({ type: 'string' }),
    history: { type: 'array', items: historyEntry },
  },
} as const;

const warning = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    ruleId: { type: 'string' },
    firstDate: { type: 'string' },
    lastDate: { type: 'string' },
  },
} as const;

export const filingOutcome = {
  type: 'object',
  properties: {
    filing: filingView,
    decision: { type: 'string', enum: ['approved', 'queued'] },
    warnings: { type: 'array', items: warning },
    notices: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const filingMove = {
  type: 'object',
  properties: { filing: filingView, notices: { type: 'array', items: { type: 'string' } } },
} as const;

export const queue = {
  type: 'object',
  properties: {
    today: { type: 'string' },
    overdueCount: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          filing: filingView,
          personName: nullable({ type: 'string' }),
          deadlineDate: { type: 'string' },
          workingDaysLeft: { type: 'integer', description: '剩余工作日；逾期为负数' },
          overdue: { type: 'boolean' },
          warnings: { type: 'array', items: warning },
        },
      },
    },
  },
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 40 } },
  required: ['id'],
} as const;

export const calendarImport = {
  type: 'object',
  properties: {
    knownFrom: { ...date, description: '本次导入覆盖的完整范围起点（导入整年安排时填写）' },
    knownTo: date,
    rows: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        properties: {
          date,
          kind: {
            type: 'string',
            enum: ['holiday', 'workday'],
            description: 'holiday 放假；workday 调休上班',
          },
          name: { type: 'string', maxLength: 50 },
        },
        required: ['date', 'kind'],
        additionalProperties: false,
      },
    },
  },
  required: ['rows'],
  additionalProperties: false,
} as const;

const entry = {
  type: 'object',
  properties: { code: { type: 'string' }, name: { type: 'string' } },
} as const;

export const filingListFile = {
  type: 'object',
  properties: {
    list: { type: 'string', enum: ['unconditional_referral', 'critical_illness'] },
    description: { type: 'string' },
    regions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { regionCode: region, entries: { type: 'array', items: entry } },
        required: ['regionCode', 'entries'],
      },
    },
  },
  required: ['list', 'regions'],
} as const;

export const regionRules = {
  type: 'object',
  properties: {
    regionCode: { type: 'string' },
    policy: {
      type: 'object',
      properties: {
        temporaryValidity: {
          type: 'object',
          properties: { months: { type: 'integer' }, days: { type: 'integer' } },
        },
        reviewWorkingDays: { type: 'integer' },
        autoApprove: {
          type: 'object',
          properties: {
            longTermOnCommitment: { type: 'boolean' },
            otherTemporary: { type: 'boolean' },
            referralOnline: { type: 'boolean' },
          },
        },
      },
    },
    rules: {
      type: 'array',
      items: { type: 'object', properties: { ruleId: { type: 'string' }, text: { type: 'string' } } },
    },
    unconditionalReferralDiseases: { type: 'array', items: entry },
    criticalIllnesses: { type: 'array', items: entry },
  },
} as const;

export const calendarYearView = {
  type: 'object',
  properties: {
    year: { type: 'integer' },
    knownFrom: { type: 'string' },
    knownTo: { type: 'string' },
    known: { type: 'boolean' },
    holidays: { type: 'array', items: { type: 'object', properties: dayProps() } },
    workdays: { type: 'array', items: { type: 'object', properties: dayProps() } },
  },
} as const;

function dayProps() {
  return { date: { type: 'string' }, name: nullable({ type: 'string' }), override: { type: 'boolean' } };
}

export const regionParams = {
  type: 'object',
  properties: { regionCode: region },
  required: ['regionCode'],
} as const;
