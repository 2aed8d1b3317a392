/**
 * 对明细账 via files (national 3202): the institution's detail file (uploaded by 9101) against the
 * platform's settlements of the scope, inside the message's transaction, and the differences written
 * as a result file the institution downloads (9102). The file formats belong to the edge, which passes
 * its reader and writer; everything else (scope, totals check, reconciliation) is here.
 */
import type { DetailReconciliation, DetailRecord } from '../../core/clearing/index.ts';
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { type Fen, formatYuan } from '../../core/money/index.ts';
import {
  type DetailReconciliationInput,
  reconcileInstitutionSettlementGroupsOn,
} from '../reconciliation/reconcile-details.ts';
import type { ReconciliationScopeInput } from '../reconciliation/scope.ts';
import { findOwnFile, readOwnFileContent, type StoredFile, storeFile } from './exchange-files.ts';
import type { HisUseCase } from './message.ts';

export interface DetailFileReconciliation {
  /** The uploaded detail file (文件查询号). */
  readonly fileId: string;
  readonly scope: Omit<ReconciliationScopeInput, 'institutionCode'>;
  /** The institution's declared totals; they must be those of the file. */
  readonly declared: {
    readonly settlementCount: number;
    readonly medicalTotalFen: Fen;
    readonly fundPayFen: Fen;
  };
  readonly readDetails: (content: Uint8Array) => Promise<Result<DetailRecord[]>>;
  readonly writeResult: (
    reconciliation: DetailReconciliation,
    baseName: string,
    at: Date,
  ) => Promise<{ fileName: string; content: Uint8Array }>;
}

export interface DetailFileReconciliationResult {
  readonly resultFile: StoredFile;
  readonly reconciliation: DetailReconciliation;
}

function totalsMismatch(
  declared: DetailFileReconciliation['declared'],
  items: readonly DetailRecord[],
): Result<never> | null {
  const medical = items.reduce((s, r) => s + r.medicalTotalFen, 0);
  const fund = items.reduce((s, r) => s + r.fundPayFen, 0);
  const wrong: string[] = [];
  if (declared.settlementCount !== items.length) {
    wrong.push(`结算笔数 «settlementCount» 填 ${declared.settlementCount}、文件 ${items.length} 笔`);
  }
  if (declared.medicalTotalFen !== medical) {
    wrong.push(
      `医疗费总额 «medicalTotalFen» 填 ${formatYuan(declared.medicalTotalFen)} 元、文件合计 ${formatYuan(medical as Fen)} 元`,
    );
  }
  if (declared.fundPayFen !== fund) {
    wrong.push(
      `基金支付总额 «fundPayFen» 填 ${formatYuan(declared.fundPayFen)} 元、文件合计 ${formatYuan(fund as Fen)} 元`,
    );
  }
  if (wrong.length === 0) return null;
  return err(
    domainError(
      'RECONCILIATION_FILE_TOTALS_MISMATCH',
      `明细文件与申报的合计不一致：${wrong.join('；')}。请核对明细文件或合计后重试。`,
      {
        field: declared.settlementCount !== items.length ? 'settlementCount' : 'medicalTotalFen',
        ruleId: 'R-S3',
      },
    ),
  );
}

export const reconcileDetailFile: HisUseCase<
  DetailFileReconciliation,
  DetailFileReconciliationResult
> = async (env, command) => {
  const upload = await findOwnFile(env, command.fileId, 'upload');
  if (!upload.ok) return upload;
  const items = await command.readDetails(await readOwnFileContent(env, upload.value));
  if (!items.ok) return items;
  const mismatch = totalsMismatch(command.declared, items.value);
  if (mismatch !== null) return mismatch;
  const input: DetailReconciliationInput = {
    ...command.scope,
    institutionCode: env.institution.code,
    items: items.value,
  };
  const reconciliation = await reconcileInstitutionSettlementGroupsOn(env.tx, input);
  if (!reconciliation.ok) return reconciliation;
  const written = await command.writeResult(
    reconciliation.value,
    `stmt_detail_${command.fileId}`,
    env.ctx.now(),
  );
  const resultFile = await storeFile(env, 'reconciliation_result', written.fileName, written.content);
  return ok({ resultFile, reconciliation: reconciliation.value });
};
