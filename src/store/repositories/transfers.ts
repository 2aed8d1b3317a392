/** 医保关系转移接续 (R-T1): the transfer row (aggregate as JSON plus queue columns) and its append-only events. */
import type { Transfer, TransferHistoryEntry } from '../../core/transfer/index.ts';
import type { Executor } from './executor.ts';

export interface StoredTransfer {
  readonly transfer: Transfer;
  readonly rowVersion: number;
}

function columns(t: Transfer) {
  return {
    status: t.status,
    out_confirmed_at: t.outConfirmedAt,
    completed_at: t.completedAt,
    document: JSON.stringify(t),
  };
}

export async function insertTransfer(db: Executor, t: Transfer): Promise<void> {
  await db
    .insertInto('transfers')
    .values({
      transfer_id: t.transferId,
      psn_no: t.psnNo,
      from_region_code: t.fromRegionCode,
      to_region_code: t.toRegionCode,
      from_insurance_type: t.fromInsuranceType,
      to_insurance_type: t.toInsuranceType,
      channel: t.channel,
      applied_at: t.appliedAt,
      deadline_date: t.deadlineDate,
      ...columns(t),
    })
    .execute();
}

export async function updateTransfer(db: Executor, t: Transfer, rowVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('transfers')
    .set({ ...columns(t), row_version: rowVersion + 1 })
    .where('transfer_id', '=', t.transferId)
    .where('row_version', '=', rowVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const toStored = (r: { document: string; row_version: number }): StoredTransfer => ({
  transfer: JSON.parse(r.document) as Transfer,
  rowVersion: Number(r.row_version),
});

export async function findTransfer(db: Executor, transferId: string): Promise<StoredTransfer | undefined> {
  const row = await db
    .selectFrom('transfers')
    .select(['document', 'row_version'])
    .where('transfer_id', '=', transferId)
    .executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

export async function transfersOfPerson(db: Executor, psnNo: string): Promise<StoredTransfer[]> {
  const rows = await db
    .selectFrom('transfers')
    .select(['document', 'row_version'])
    .where('psn_no', '=', psnNo)
    .orderBy('applied_at', 'desc')
    .execute();
  return rows.map(toStored);
}

export async function openTransferOfPerson(db: Executor, psnNo: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('transfers')
    .select('transfer_id')
    .where('psn_no', '=', psnNo)
    .where('status', 'in', ['applied', 'out_confirmed'])
    .executeTakeFirst();
  return row?.transfer_id;
}

/** Open transfers waiting on a region: the outgoing side's confirmations and the incoming side's acceptances. */
export async function transfersAwaiting(db: Executor, regionCode: string): Promise<StoredTransfer[]> {
  const rows = await db
    .selectFrom('transfers')
    .select(['document', 'row_version'])
    .where((eb) =>
      eb.or([
        eb.and([eb('from_region_code', '=', regionCode), eb('status', '=', 'applied')]),
        eb.and([eb('to_region_code', '=', regionCode), eb('status', '=', 'out_confirmed')]),
      ]),
    )
    .orderBy('deadline_date')
    .orderBy('applied_at')
    .execute();
  return rows.map(toStored);
}

export async function appendTransferEvents(
  db: Executor,
  t: Transfer,
  entries: readonly TransferHistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('transfer_events')
    .values(
      entries.map((e) => ({
        transfer_id: t.transferId,
        psn_no: t.psnNo,
        at: e.at,
        event: e.event,
        from_status: e.from,
        to_status: e.to,
        side: e.side,
        actor: e.actorId,
        note: e.note,
      })),
    )
    .execute();
}
