/** core/transfer — relation transfer (医保关系转移接续) as a pure state machine (R-T1, R-C4). */
export { TransferErrorCode } from './errors.ts';
export {
  AT_RISK_DAYS_LEFT,
  OUTGOING_BUDGET_DAYS,
  type ProgressStep,
  type TransferClock,
  type TransferProgress,
  transferClock,
  transferProgress,
} from './progress.ts';
export {
  type ApplyTransferInput,
  applyForTransfer,
  applyTransferEvent,
  TRANSFER_WORKING_DAYS,
  type TransferEvent,
} from './transitions.ts';
export * from './types.ts';
