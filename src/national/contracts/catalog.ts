/** 1312 医保目录信息查询, 1318 医保目录限价信息查询, 1319 医保目录先自付比例信息查询 (paged). */
import type { CatalogItem } from '../../core/reference/types.ts';
import { type CatalogPage, type CatalogQuery, queryCatalog } from '../../service/his/catalog.ts';
import { defineContract } from '../contract.ts';
import { objectNode } from '../input-reader.ts';
import { yuan } from './common.ts';

const LIST_TYPE: Record<string, string> = { drug: '101', service_item: '201', consumable: '301' };
const CHARGE_TYPE: Record<string, string> = { drug: '09', service_item: '05', consumable: '08' };

function readQuery(only: CatalogQuery['only']) {
  return (input: Readonly<Record<string, unknown>>): CatalogQuery => {
    const data = objectNode(input, 'data');
    const pageNumber = Number(data.optionalText('page_num', '当前页数', 6) ?? '1');
    const pageSize = Number(data.optionalText('page_size', '本页数据量', 6) ?? '100');
    return {
      itemCode: data.optionalText('hilist_code', '医保目录编码', 50),
      onDate: data.optionalDate('query_date', '查询时间点'),
      only,
      pageNumber: Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1,
      pageSize: Number.isInteger(pageSize) && pageSize > 0 ? Math.min(pageSize, 1000) : 100,
    };
  };
}

function paged(page: CatalogPage, row: (item: CatalogItem) => Record<string, unknown>) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    firstPage: page.pageNumber === 1,
    lastPage: page.pageNumber >= pages,
    size: page.items.length,
    startRow: (page.pageNumber - 1) * page.pageSize + 1,
    pageSize: page.pageSize,
    pageNum: page.pageNumber,
    recordCounts: page.total,
    pages,
    data: page.items.map(row),
  };
}

const common = (item: CatalogItem) => ({
  hilist_code: item.code,
  insu_admdvs: item.regionCode,
  begndate: item.validFrom,
  enddate: item.validTo,
  vali_flag: '1',
  rid: `${item.regionCode}-${item.code}-${item.validFrom}`,
  poolarea_no: item.regionCode,
});

export const catalogContract = defineContract({
  infno: '1312',
  nameZh: '医保目录信息查询',
  read: readQuery('all'),
  useCase: queryCatalog,
  write: (page) =>
    paged(page, (item) => ({
      ...common(item),
      hilist_name: item.name,
      med_chrgitm_type: CHARGE_TYPE[item.kind] ?? '14',
      chrgitm_lv: item.catalogClass,
      lmt_used_flag: '0',
      list_type: LIST_TYPE[item.kind] ?? '105',
      med_use_flag: '1',
      matn_used_flag: '0',
      hilist_use_type: '1',
      lmt_cpnd_type: '0',
      memo: null,
    })),
});

export const priceLimitContract = defineContract({
  infno: '1318',
  nameZh: '医保目录限价信息查询',
  read: readQuery('price_limited'),
  useCase: queryCatalog,
  write: (page) =>
    paged(page, (item) => ({
      ...common(item),
      hilist_lmtpric_type: '1',
      // 超限价部分由参保人自付 (R-M2).
      overlmt_dspo_way: '1',
      hilist_pric_uplmt_amt: item.priceLimitFen === null ? null : yuan(item.priceLimitFen),
    })),
});

export const copayRatioContract = defineContract({
  infno: '1319',
  nameZh: '医保目录先自付比例信息查询',
  read: readQuery('with_copay'),
  useCase: queryCatalog,
  write: (page) =>
    paged(page, (item) => ({
      ...common(item),
      selfpay_prop_psn_type: '',
      selfpay_prop_type: '1',
      selfpay_prop: item.copayRatioBp / 10_000,
    })),
});
