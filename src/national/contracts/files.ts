/**
 * 9101 文件上传, 9102 文件下载, 3202 医药机构费用结算对明细账 (files: ZIP of TAB-separated UTF-8 TXT).
 *
 * 9101 `fsUploadIn`: in (Base64 of the ZIP in JSON; the multipart variants put the file part here,
 * see multipart.ts), filename, fixmedins_code (must be the envelope's when sent). The ZIP is checked
 * before the message (a bad one is refused and nothing is stored). Output without a node:
 * file_qury_no, filename, fixmedins_code, dld_endtime.
 * 9102 `fsDownloadIn`: file_qury_no, filename (optional; must match), fixmedins_code (ignored — the
 * digest says catalogue downloads send "plc"). The answer is the ZIP (application/octet-stream); the
 * message log keeps the grant, so a replay sends the same (immutable) file.
 * 3202 `data`: the uploaded detail file's file_qury_no and the scope/totals of the digest; output
 * `fileinfo`: the result file's file_qury_no, filename, dld_endtime (+ stmt_rslt, stmt_rslt_dscr).
 */
import { err, ok } from '../../core/errors.ts';
import {
  type DetailFileReconciliation,
  reconcileDetailFile,
} from '../../service/his/detail-reconciliation.ts';
import {
  FILE_MAX_BYTES,
  type FileUpload,
  fileErrors,
  grantFileDownload,
  readGrantedFile,
  uploadFile,
} from '../../service/his/exchange-files.ts';
import { type Contract, defineContract } from '../contract.ts';
import { readDetailFile, writeResultFile } from '../detail-files.ts';
import { absent } from '../envelope.ts';
import { objectNode, refuseInput } from '../input-reader.ts';
import { checkZip } from '../zip.ts';

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** fsUploadIn.in: Base64 text (C#/Java JSON clients), or a JSON byte array (Java signed bytes accepted). */
function fileBytes(value: unknown): Uint8Array {
  if (absent(value)) {
    refuseInput(
      'FIELD_REQUIRED',
      '缺少文件数据 in（input.fsUploadIn.in）：请填写 ZIP 文件的 Base64 编码，或以 multipart/form-data 上传（文件部分名为 file 或 in）。',
      'in',
    );
  }
  if (typeof value === 'string') {
    const compact = value.replace(/\s+/g, '');
    if (!BASE64.test(compact) || compact.length % 4 === 1) {
      refuseInput(
        'FIELD_INVALID',
        '文件数据 in 不是有效的 Base64 编码：请对 ZIP 文件的字节做标准 Base64 编码后填写。',
        'in',
      );
    }
    return new Uint8Array(Buffer.from(compact, 'base64'));
  }
  if (
    Array.isArray(value) &&
    value.length <= FILE_MAX_BYTES &&
    value.every((n) => Number.isInteger(n) && n >= -128 && n <= 255)
  ) {
    return Uint8Array.from(value as number[], (n) => n & 0xff);
  }
  return refuseInput('FIELD_INVALID', '文件数据 in 应为 ZIP 文件的 Base64 编码文本（或字节数组）。', 'in');
}

export const uploadFileContract = defineContract({
  infno: '9101',
  nameZh: '文件上传',
  read: (input, envelope): FileUpload => {
    const node = objectNode(input, 'fsUploadIn');
    const fileName = node.text('filename', '文件名', 200);
    const owner = node.optionalText('fixmedins_code', '医药机构编号', 30);
    if (owner !== null && owner !== envelope.institutionCode) {
      refuseInput(
        'FIELD_INVALID',
        `fsUploadIn.fixmedins_code “${owner}” 与报文的定点医药机构编号 fixmedins_code “${envelope.institutionCode}” 不一致：只能上传本机构的文件。`,
        'fixmedins_code',
      );
    }
    return { fileName, content: fileBytes(node.node.in) };
  },
  prepare: async (_ctx, upload) => {
    if (upload.content.byteLength > FILE_MAX_BYTES)
      return err(fileErrors.tooLarge(upload.content.byteLength));
    const zip = await checkZip(upload.content);
    return zip.ok ? ok(upload) : zip;
  },
  useCase: uploadFile,
  write: (file) => ({
    file_qury_no: file.fileId,
    filename: file.fileName,
    fixmedins_code: file.institutionCode,
    dld_endtime: file.downloadUntil,
  }),
});

const grantDownloadContract = defineContract({
  infno: '9102',
  nameZh: '文件下载',
  read: (input) => {
    const node = objectNode(input, 'fsDownloadIn');
    return {
      fileId: node.text('file_qury_no', '文件查询号', 30),
      fileName: node.optionalText('filename', '文件名', 200),
    };
  },
  useCase: grantFileDownload,
  write: (file) => ({
    file_qury_no: file.fileId,
    filename: file.fileName,
    size: file.sizeBytes,
    sha256: file.sha256,
  }),
});

/** The granted file of a stored 9102 answer (fresh or replayed); null for a refusal. */
function grantedFile(body: string): { fileId: string; fileName: string } | null {
  try {
    const answer = JSON.parse(body) as {
      infcode?: unknown;
      output?: { file_qury_no?: unknown; filename?: unknown };
    };
    const out = answer.output;
    if (answer.infcode !== 0 || typeof out?.file_qury_no !== 'string' || typeof out.filename !== 'string') {
      return null;
    }
    return { fileId: out.file_qury_no, fileName: out.filename };
  } catch {
    return null;
  }
}

export const downloadFileContract: Contract = {
  infno: grantDownloadContract.infno,
  nameZh: grantDownloadContract.nameZh,
  async run(ctx, envelope, render) {
    const outcome = await grantDownloadContract.run(ctx, envelope, render);
    if ('invalid' in outcome) return outcome;
    const granted = grantedFile(outcome.body);
    if (granted === null) return outcome;
    const content = await readGrantedFile(ctx, granted.fileId);
    if (content === undefined) throw new Error(`granted file ${granted.fileId} is missing`);
    return { ...outcome, file: { fileName: granted.fileName, content } };
  },
};

export const detailReconciliationContract = defineContract({
  infno: '3202',
  nameZh: '医药机构费用结算对明细账',
  read: (input): DetailFileReconciliation => {
    const data = objectNode(input, 'data');
    const fileId = data.text('file_qury_no', '文件查询号', 30);
    const insuredRegionCode = data.text('setl_optins', '结算经办机构', 6);
    const beginDate = data.optionalDate('stmt_begndate', '对账开始日期');
    const endDate = data.optionalDate('stmt_enddate', '对账结束日期');
    const settlementCount = data.text('fixmedins_setl_cnt', '定点医药机构结算笔数', 10);
    if (!/^\d{1,10}$/.test(settlementCount)) {
      refuseInput(
        'FIELD_INVALID',
        `定点医药机构结算笔数 fixmedins_setl_cnt 应为非负整数，当前为 “${settlementCount}”。`,
        'fixmedins_setl_cnt',
      );
    }
    data.yuan('cash_payamt', '现金支付金额');
    const refundFlag = data.optionalText('refd_setl_flag', '退费结算标志', 3);
    if (refundFlag !== null && refundFlag !== '0' && refundFlag !== '1') {
      refuseInput(
        'CODE_INVALID',
        `退费结算标志 refd_setl_flag 只能填 0 或 1，当前为 “${refundFlag}”。`,
        'refd_setl_flag',
      );
    }
    return {
      fileId,
      scope: {
        beginDate: beginDate ?? '',
        endDate: endDate ?? '',
        clearingType: data.text('clr_type', '清算类别', 6),
        insuredRegionCode,
        includesRefunds: data.flag('fixmedins_refd_setl_flag', '定点医药机构退费结算标志', false),
      },
      declared: {
        settlementCount: Number(settlementCount),
        medicalTotalFen: data.yuan('medfee_sumamt', '医疗费总额'),
        fundPayFen: data.yuan('fund_pay_sumamt', '基金支付总额'),
      },
      readDetails: readDetailFile,
      writeResult: writeResultFile,
    };
  },
  useCase: reconcileDetailFile,
  write: ({ resultFile, reconciliation: r }) => ({
    fileinfo: {
      file_qury_no: resultFile.fileId,
      filename: resultFile.fileName,
      dld_endtime: resultFile.downloadUntil,
      stmt_rslt: r.balanced ? '0' : '1',
      stmt_rslt_dscr: r.balanced
        ? `平：机构 ${r.institutionCount} 笔与平台 ${r.platformCount} 笔逐笔相符。`
        : `不平：机构 ${r.institutionCount} 笔、平台 ${r.platformCount} 笔、相符 ${r.matchedCount} 笔、差异 ${r.differences.length} 笔，明细见结果文件。`,
    },
  }),
});
