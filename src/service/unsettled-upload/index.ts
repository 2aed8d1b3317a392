/** 未直接结算费用上传 (R-R3): the institution's upload and the treatment region's late-upload list. */
export { UnsettledErrorCode, unsettledErrors } from './errors.ts';
export { type LateUploadView, lateUnsettledUploads } from './late.ts';
export {
  LATE_UPLOAD_TOPIC,
  type UnsettledLineInput,
  type UnsettledUploadInput,
  type UnsettledUploadReceipt,
  type UploadCaller,
  uploadUnsettledFees,
  uploadUnsettledFeesInTx,
} from './upload.ts';
