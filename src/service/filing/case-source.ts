/**
 * Puts queued filings into the agency's one-window queue (综合柜员制待办, R-P3) beside the other case
 * types. Registered when the filing service is loaded, as case-queue.ts asks of every workflow.
 */
import { chinaDateOf } from '../../core/calendar/index.ts';
import { filingTypeNames } from '../../core/filing/index.ts';
import { registerCaseSource } from '../case-queue.ts';
import type { AppContext } from '../context.ts';
import { pendingWithNames } from './queries.ts';

async function listOpen(ctx: AppContext, regionCode: string) {
  return (await pendingWithNames(ctx, regionCode)).map(({ filing, personName }) => ({
    caseId: filing.id,
    regionCode: filing.insuredRegionCode,
    personName: personName ?? filing.personNo,
    summaryZh: `${filingTypeNames[filing.type]}备案，就医地 ${
      filing.target.scope === 'city' ? filing.target.regionCode : filing.target.provinceCode
    }`,
    statusZh: '待审核',
    submittedAt: filing.submittedAt,
    deadlineDate: filing.reviewDeadlineDate ?? chinaDateOf(filing.submittedAt),
  }));
}

registerCaseSource({ kind: 'filing', kindZh: '异地就医备案', listOpen });
