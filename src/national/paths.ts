/**
 * The URLs HIS clients post to (§1.4). The single national endpoint selects the transaction by the
 * body's infno; the aliases carry it in the path, and then it must equal the body's.
 */

/** Endpoints where only the body names the transaction. */
export const BODY_ROUTED_PATHS: readonly string[] = [
  '/fsi/api/rsfComIfsService/callService',
  '/mbs/fmi/fsi/api/callFsiService/callService',
];

/** Endpoints with the infno as the last path segment. */
export const PATH_INFNO_PATHS: readonly string[] = [
  '/fsi/api/rsfComIfsService/callService/:infno',
  '/hsa/hgs/:infno',
];

/** Per-service paths (Hebei `…/ebus/rio_fsi` style, mounted at the root) and the infno each serves. */
export const SERVICE_PATHS: Readonly<Record<string, string>> = {
  '/fsi/api/signInSignOutService/signIn': '9001',
  '/fsi/api/signInSignOutService/signOut': '9002',
  '/fsi/api/fsiPsnInfoService/queryPsnInfo': '1101',
  '/fsi/api/outpatientDocInfoService/outpatientRregistration': '2201',
  '/fsi/api/outpatientDocInfoService/outpatientRegistrationCancel': '2202',
  '/fsi/api/outpatientDocInfoService/outpatientMdtrtinfoUp': '2203',
  '/fsi/api/outpatientDocInfoService/outpatientFeeListUp': '2204',
  '/fsi/api/outpatientDocInfoService/outpatientFeeListUpCancel': '2205',
  '/fsi/api/outpatientSettleService/preSettletment': '2206',
  '/fsi/api/outpatientSettleService/saveSettletmentV2': '2207',
  '/fsi/api/outpatientSettleService/cancleSettletment': '2208',
  '/fsi/api/hospFeeDtlService/feeDtlUp': '2301',
  '/fsi/api/hospFeeDtlService/feeDtlCl': '2302',
  '/fsi/api/hospSettService/preSett': '2303',
  '/fsi/api/hospSettService/settV2': '2304',
  '/fsi/api/hospSettService/settCl': '2305',
  '/fsi/api/hospitalRegisterService/hospitalRegisterSave': '2401',
  '/fsi/api/dscgService/dischargeProcess': '2402',
  '/fsi/api/hospitalRegisterService/hospitalRegisterEdit': '2403',
  '/fsi/api/hospitalRegisterService/hospitalRegisterCancel': '2404',
  '/fsi/api/dscgService/dischargeUndo': '2405',
  '/fsi/api/reverseService/revsMethod': '2601',
  '/fsi/api/ybSettlementStmtService/stmtTotal': '3201',
  '/fsi/api/ybSettlementStmtService/stmtDetail': '3202',
  '/fsi/api/fsiIntegratedQueryService/querySetlInfo': '5203',
  '/fsi/api/fsiIntegratedQueryService/queryPsnOpspReg': '5301',
  '/fsi/api/fileupload/upload': '9101',
  '/fsi/api/fileupload/download': '9102',
};
