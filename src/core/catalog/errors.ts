/**
 * Error codes of fee splitting. Field names are the national fee-detail fields (2204 upload), since
 * that is what the institution sent and must correct.
 */
import { type DomainError, domainError } from '../errors.ts';
import { type Fen, formatQuantity, formatYuan, type Quantity } from '../money/index.ts';

export const CatalogErrorCode = {
  AmountMismatch: 'FEE_LINE_AMOUNT_MISMATCH',
  NegativeAmount: 'FEE_LINE_NEGATIVE_AMOUNT',
  NegativePrice: 'FEE_LINE_NEGATIVE_PRICE',
  QuantityNotPositive: 'FEE_LINE_QUANTITY_NOT_POSITIVE',
  LineNoMissing: 'FEE_LINE_NO_MISSING',
  ItemCodeMissing: 'FEE_LINE_ITEM_CODE_MISSING',
  DuplicateLineNo: 'FEE_LINE_DUPLICATE_NO',
  ItemMismatch: 'CATALOG_ITEM_MISMATCH',
  DateInvalid: 'CATALOG_DATE_INVALID',
} as const;
export type CatalogErrorCode = (typeof CatalogErrorCode)[keyof typeof CatalogErrorCode];

const R = { ruleId: 'R-M3' } as const;

export function amountMismatch(
  lineNo: string,
  amount: Fen,
  unitPrice: Fen,
  qty: Quantity,
  expected: bigint,
): DomainError {
  const expectedText = Number.isSafeInteger(Number(expected))
    ? formatYuan(Number(expected) as Fen)
    : String(expected);
  return domainError(
    CatalogErrorCode.AmountMismatch,
    `费用明细第 ${lineNo} 行：明细金额 det_item_fee_sumamt 为 ${formatYuan(amount)} 元，与单价 ${formatYuan(unitPrice)} 元 × 数量 ${formatQuantity(qty)} = ${expectedText} 元（四舍五入到分）不一致，请核对单价、数量和金额后重新上传`,
    { ...R, field: 'det_item_fee_sumamt' },
  );
}

export function negativeAmount(lineNo: string, amount: Fen): DomainError {
  return domainError(
    CatalogErrorCode.NegativeAmount,
    `费用明细第 ${lineNo} 行：明细金额 det_item_fee_sumamt 为负数（${formatYuan(amount)} 元）；退费请通过撤销或退费交易冲销原结算，不要上传负数明细`,
    { ...R, field: 'det_item_fee_sumamt' },
  );
}

export function negativePrice(lineNo: string, unitPrice: Fen): DomainError {
  return domainError(
    CatalogErrorCode.NegativePrice,
    `费用明细第 ${lineNo} 行：单价 pric 为负数（${formatYuan(unitPrice)} 元）；退费请通过撤销或退费交易冲销原结算`,
    { ...R, field: 'pric' },
  );
}

export function quantityNotPositive(lineNo: string): DomainError {
  return domainError(CatalogErrorCode.QuantityNotPositive, `费用明细第 ${lineNo} 行：数量 cnt 必须大于 0`, {
    ...R,
    field: 'cnt',
  });
}

export function lineNoMissing(): DomainError {
  return domainError(
    CatalogErrorCode.LineNoMissing,
    '费用明细缺少明细流水号 feedetl_sn，请为每条明细填写唯一的流水号',
    {
      ...R,
      field: 'feedetl_sn',
    },
  );
}

export function itemCodeMissing(lineNo: string): DomainError {
  return domainError(
    CatalogErrorCode.ItemCodeMissing,
    `费用明细第 ${lineNo} 行缺少医疗目录编码 med_list_codg，请填写国家医保目录编码`,
    { ...R, field: 'med_list_codg' },
  );
}

export function duplicateLineNo(lineNo: string): DomainError {
  return domainError(
    CatalogErrorCode.DuplicateLineNo,
    `费用明细流水号 feedetl_sn 重复：第 ${lineNo} 行出现了不止一次，同一张单据内每条明细的流水号必须唯一`,
    { ...R, field: 'feedetl_sn' },
  );
}

export function itemMismatch(lineNo: string, lineCode: string, itemCode: string): DomainError {
  return domainError(
    CatalogErrorCode.ItemMismatch,
    `费用明细第 ${lineNo} 行的目录编码 ${lineCode} 与用于分割的目录条目 ${itemCode} 不一致`,
    { ruleId: 'R-M2', field: 'med_list_codg' },
  );
}

export function dateInvalid(onDate: string): DomainError {
  return domainError(
    CatalogErrorCode.DateInvalid,
    `就医日期“${onDate}”不是有效的日期，请使用 YYYY-MM-DD 格式（如 2026-03-15）`,
    { ruleId: 'R-M2', field: 'onDate' },
  );
}
