/** Shapes of the API answers the pages read (mirrors src/service/*; kept by hand, checked by the tests). */
export interface Region {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface Institution {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  kind: string;
  kindZh: string;
  level: string;
  levelZh: string;
  crossRegionNetworked: boolean;
  employeeOutpatientPooling: boolean;
  chronicDiseases: { code: string; name: string }[];
  address: string | null;
}

export interface CatalogItem {
  code: string;
  name: string;
  kindZh: string;
  catalogClass: string;
  classZh: string;
  copayRatioText: string;
  priceLimitYuan: string | null;
  plainZh: string;
}

export interface RuleSection {
  title: string;
  ruleIds: string[];
  points: string[];
}

export interface PersonProfile {
  personNo: string;
  name: string;
  certificateNoMasked: string;
  phoneMasked: string | null;
  insuredRegionCode: string;
  insuredRegionName: string;
  insuranceTypeZh: string;
  employmentZh: string;
}

export interface Explanation {
  amounts: Record<string, string | number>;
  summaryZh: string[];
  steps: { ruleId: string; step: string; titleZh: string; formulaZh: string }[];
  lines: {
    lineNo: string;
    itemCode: string;
    itemName: string;
    classZh: string;
    amountYuan: string;
    fullOwnPayYuan: string;
    overLimitYuan: string;
    classBCopayYuan: string;
    inScopeYuan: string;
  }[];
  funds: { fundType: string; nameZh: string; payYuan: string }[];
}

export interface SettlementSummary {
  settlementId: string;
  settledAt: string;
  kind: 'settlement' | 'reversal';
  institutionName: string;
  treatmentRegionName: string;
  categoryZh: string;
  totalYuan: string;
  fundPayYuan: string;
  accountPayYuan: string;
  cashYuan: string;
  crossRegion: boolean;
}

export interface SettlementDetail extends SettlementSummary {
  explanation: Explanation;
  reversedBy: string | null;
}

export interface EstimateAnswer {
  institutionName: string;
  situation: string;
  situationZh: string;
  situationReasonZh: string;
  policyName: string;
  parts: { categoryZh: string }[];
  /** 门慢特 qualifications in force that the institution serves (lines marked with one settle as chronic). */
  chronicDiseases: string[];
  explanation: Explanation;
  noticeZh: string;
}

export interface AccountView {
  balanceYuan: string;
  year: number;
  yearFigures: { labelZh: string; value: string }[];
  movements: { at: string; reasonZh: string; deltaYuan: string; balanceAfterYuan: string }[];
}

export interface StaffProfile {
  username: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export interface QueueEntry {
  caseId: string;
  kind: string;
  kindZh: string;
  personName: string;
  summaryZh: string;
  statusZh: string;
  submittedAt: string;
  deadlineDate: string;
  workingDaysLeft: number;
  overdue: boolean;
  openPath?: string;
}

export interface Dashboard {
  regionCode: string;
  regionName: string;
  months: { month: string; settlements: number; fundPayYuan: string; totalYuan: string }[];
  directRates: {
    month: string;
    treatmentRegionCode: string;
    treatmentRegionName: string;
    visits: number;
    settledDirectly: number;
    rateBp: number;
  }[];
  overallRateBp: number | null;
  overdueByKind: { kind: string; kindZh: string; open: number; overdue: number }[];
  ratings: {
    count: number;
    averageScore: number | null;
    good: number;
    neutral: number;
    poor: number;
    poorShareBp: number;
    poorSharePercent: string;
  };
}

export interface FilingView {
  id: string;
  type: string;
  typeName: string;
  target: { scope: 'city' | 'province'; regionCode?: string; provinceCode?: string };
  channelName: string;
  status: string;
  statusName: string;
  validFrom: string;
  validTo: string | null;
  validityText: string;
  submittedAt: string;
  reviewDeadlineDate: string | null;
  rejectionReason: string | null;
  supersedes: string | null;
  referral: { diseaseCode: string; certificateUploaded: boolean } | null;
}

export interface FilingOutcome {
  filing: FilingView;
  decision: 'approved' | 'queued';
  notices: string[];
}

/** 定点医药机构 (src/service/institution-login.ts, institution-view.ts; src/http/routes/institution.ts). */
export interface InstitutionProfile {
  institutionCode: string;
  name: string;
  kind: string;
  regionCode: string;
  regionName: string;
  accessKey: string;
}

export interface InstitutionTotalsFigures {
  settlementCount: number;
  medicalTotalFen: number;
  fundPayFen: number;
  accountPayFen: number;
}

export interface InstitutionTotals {
  beginDate: string;
  endDate: string;
  includesRefunds: boolean;
  groups: (InstitutionTotalsFigures & {
    insuranceType: string;
    insuranceTypeName: string;
    clearingType: string;
    clearingTypeName: string;
  })[];
  total: InstitutionTotalsFigures;
}

/** The 3201 answer to figures the institution states (POST /api/institution/reconciliation/totals). */
export interface TotalsCheckView {
  balanced: boolean;
  platform: InstitutionTotalsFigures;
  differences: {
    field: keyof InstitutionTotalsFigures;
    institution: number;
    platform: number;
    delta: number;
  }[];
  explanation: string;
}

export interface DetailRecordView {
  settlementId: string;
  visitId: string;
  psnNo: string;
  medicalTotalFen: number;
  fundPayFen: number;
  accountPayFen: number;
  refund: boolean;
}

export interface DetailDifferenceView {
  settlementId: string;
  kind: 'missing_on_platform' | 'missing_at_institution' | 'mismatch';
  fields: { field: string; institution: string | number | boolean; platform: string | number | boolean }[];
  institution: DetailRecordView | null;
  platform: (DetailRecordView & { msgid: string }) | null;
  message: string;
}

export interface DetailReconciliationView {
  balanced: boolean;
  institutionCount: number;
  platformCount: number;
  matchedCount: number;
  differences: DetailDifferenceView[];
}

export interface InstitutionUploadStatus {
  transactions: {
    msgid: string;
    infno: string;
    name: string | null;
    at: string;
    succeeded: boolean | null;
    errorCode: string | null;
    errorMessage: string | null;
  }[];
  openVisits: {
    visitId: string;
    psnNo: string;
    kind: string;
    medType: string;
    hospitalVisitNo: string;
    beginTime: string;
    status: string;
    lineCount: number;
    amountFen: number;
    lastUploadedAt: string;
  }[];
  unsettledUploads: {
    uploadId: string;
    psnNo: string;
    insuredRegionCode: string;
    medType: string;
    hospitalVisitNo: string;
    beginTime: string;
    endTime: string;
    totalFen: number;
    dueDate: string;
    uploadedAt: string;
    late: boolean;
    workingDaysLate: number;
  }[];
}

export interface InstitutionSettlementDays {
  today: string;
  days: {
    date: string;
    settlementCount: number;
    reversalCount: number;
    medicalTotalFen: number;
    fundPayFen: number;
    accountPayFen: number;
    cashFen: number;
  }[];
}
