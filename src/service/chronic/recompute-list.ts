/** The recompute queue as the agency sees it: its region's requests only (admin: all). */
import { listRecomputeRequests as listAll } from '../../store/repositories/chronic-applications.ts';
import type { AppContext } from '../context.ts';
import type { ChronicCaller } from './support.ts';

export async function listRecomputeRequests(
  ctx: AppContext,
  status: 'pending' | 'done' | undefined,
  caller: ChronicCaller,
) {
  const rows = await listAll(ctx.store.db, status ? { status } : {});
  if (caller.role !== 'staff') return rows;
  const persons = await ctx.store.db
    .selectFrom('persons')
    .select('psn_no')
    .where('insured_region_code', '=', caller.regionCode ?? '')
    .where('psn_no', 'in', rows.length > 0 ? rows.map((r) => r.psnNo) : [''])
    .execute();
  const mine = new Set(persons.map((p) => p.psn_no));
  return rows.filter((r) => mine.has(r.psnNo));
}
