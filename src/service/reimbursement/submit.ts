/**
 * 提交手工报销申请 (R-R1): the person online, or a window clerk of the insured region for the person,
 * files one uploaded self-paid bill. Materials are files naming list items; at the window the clerk may
 * also record items the person presented on paper. Nothing outside the region's list is accepted.
 */
import { domainError, err, ok, type Result } from '../../core/errors.ts';
import { type Claim, openClaim } from '../../core/reimbursement/index.ts';
import {
  insertMaterials,
  liveClaimForUpload,
  readMaterialList,
} from '../../store/repositories/reimbursement-claims.ts';
import { findUnsettledUpload } from '../../store/repositories/unsettled-uploads.ts';
import type { AppContext } from '../context.ts';
import { transact } from '../transact.ts';
import { workingCalendar } from './calendar.ts';
import { actorOf, type CaseCaller, callerId, newCaseId } from './caller.ts';
import { otherRegion, ReimbursementServiceErrorCode } from './errors.ts';
import { decodeMaterials, type MaterialFileInput } from './material-files.ts';
import { saveNewClaim } from './persist.ts';

export interface ClaimRequest {
  /** The person's number: taken from the session for a person; required when staff file at the window. */
  readonly psnNo?: string;
  /** The institution's upload of the self-paid bill (R-R3). */
  readonly uploadId: string;
  /** The person states an accident injury even if the institution did not (R-R2: no 7-day track). */
  readonly accident?: boolean;
  readonly materials?: readonly MaterialFileInput[];
  /** Window only: list items the person showed on paper (originals seen by the clerk). */
  readonly presentedAtWindow?: readonly string[];
}

export async function submitClaim(
  ctx: AppContext,
  caller: CaseCaller,
  request: ClaimRequest,
): Promise<Result<Claim>> {
  const psnNo = caller.role === 'person' ? caller.psnNo : request.psnNo;
  if (psnNo === undefined || psnNo === '') {
    return err(
      domainError('VALIDATION_FAILED', '窗口代办须填写参保人的人员编号（字段 psnNo）。', { field: 'psnNo' }),
    );
  }
  if (caller.role === 'person' && (request.presentedAtWindow?.length ?? 0) > 0) {
    return err(
      domainError(
        ReimbursementServiceErrorCode.MaterialInvalid,
        '线上申请请上传材料文件；“窗口查验原件”只能由经办窗口登记。',
        {
          field: 'presentedAtWindow',
        },
      ),
    );
  }
  const calendar = await workingCalendar(ctx);
  const now = ctx.now();
  const nowIso = now.toISOString();
  return transact(ctx, async (tx) => {
    const upload = await findUnsettledUpload(tx, request.uploadId);
    if (upload === undefined || upload.psnNo !== psnNo) {
      return err(
        domainError(
          ReimbursementServiceErrorCode.UploadNotFound,
          `没有找到参保人 ${psnNo} 编号为 ${request.uploadId} 的未直接结算费用记录；如医院尚未上传，请联系就诊医院在出院（就诊）后3个工作日内上传。`,
          { ruleId: 'R-R3', field: 'uploadId' },
        ),
      );
    }
    if (caller.role === 'staff' && caller.regionCode !== upload.insuredRegionCode)
      return err(otherRegion(upload.insuredRegionCode));
    const live = await liveClaimForUpload(tx, upload.uploadId);
    if (live !== undefined) {
      return err(
        domainError(
          ReimbursementServiceErrorCode.AlreadyClaimed,
          `这笔费用已有办理中的报销申请 ${live}，请勿重复申请。`,
          {
            field: 'uploadId',
          },
        ),
      );
    }
    const list = await readMaterialList(tx, upload.insuredRegionCode);
    if (list === undefined) {
      return err(
        domainError(
          ReimbursementServiceErrorCode.MaterialListMissing,
          `参保地 ${upload.insuredRegionCode} 尚未公布手工报销材料清单，暂不能受理；请参保地经办机构导入材料清单。`,
          { ruleId: 'R-R1' },
        ),
      );
    }
    const claimId = newCaseId('RB', now);
    const files = decodeMaterials(request.materials ?? [], {
      claimId,
      psnNo,
      at: nowIso,
      by: callerId(caller),
    });
    if (!files.ok) return files;
    const opened = openClaim(
      {
        claimId,
        psnNo,
        insuredRegionCode: upload.insuredRegionCode,
        uploadId: upload.uploadId,
        channel: caller.role === 'person' ? 'online' : 'window',
        actor: actorOf(caller),
        billTotalFen: upload.totalFen,
        inpatient: upload.kind === 'inpatient',
        emergency: upload.emergency,
        accident: upload.accident || request.accident === true,
        materialList: list,
        providedMaterials: [...files.value.map((f) => f.itemCode), ...(request.presentedAtWindow ?? [])],
      },
      nowIso,
      calendar,
    );
    if (!opened.ok) return opened;
    await saveNewClaim(tx, opened.value.claim, opened.value.effects, {
      dialect: ctx.store.dialect,
      caller,
      now: nowIso,
    });
    await insertMaterials(tx, files.value);
    return ok(opened.value.claim);
  });
}
