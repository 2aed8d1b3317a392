/**
 * The in-process insured-region peer: same deployment, same transaction. Locks the person (PostgreSQL
 * FOR UPDATE; SQLite's single writer), loads the versioned policy and the person-year accumulators,
 * calls the pure core, and posts accumulators and account movements.
 */
import { type DomainError, domainError, err, type Result } from '../../core/errors.ts';
import { type BenefitPolicy, selectPolicyVersion, validatePolicy } from '../../core/policy/index.ts';
import {
  type AccumulatorDeltas,
  computeBenefits,
  type SettlementResult,
} from '../../core/settlement/index.ts';
import type { DialectName } from '../../store/database.ts';
import { moveAccount } from '../../store/repositories/accounts.ts';
import {
  type AccumulatorValue,
  applyAccumulatorDeltas,
  readAccumulators,
} from '../../store/repositories/accumulators.ts';
import { findPolicyDocuments, lockPerson } from '../../store/repositories/reference-reads.ts';
import type { Tx } from '../../store/transaction.ts';
import type { BenefitsRequest, InsuredRegionPeer } from './insured-region-peer.ts';

/** Parsed policy documents by their text: validation runs once per stored version, not per settlement. */
const policyCache = new Map<string, Result<BenefitPolicy>>();

function parsePolicy(document: string): Result<BenefitPolicy> {
  let parsed = policyCache.get(document);
  if (parsed === undefined) {
    try {
      parsed = validatePolicy(JSON.parse(document) as unknown);
    } catch {
      parsed = err(
        domainError(
          'POLICY_INVALID',
          '存储的待遇政策不是合法的 JSON，请联系参保地医保经办机构重新导入政策。',
        ),
      );
    }
    if (policyCache.size > 1000) policyCache.clear();
    policyCache.set(document, parsed);
  }
  return parsed;
}

export async function loadPolicy(
  tx: Tx,
  regionCode: string,
  insuranceType: string,
  at: string,
): Promise<Result<BenefitPolicy>> {
  const documents = await findPolicyDocuments(tx, regionCode, insuranceType);
  const versions: BenefitPolicy[] = [];
  for (const d of documents) {
    const policy = parsePolicy(d.document);
    if (!policy.ok) return policy;
    versions.push(policy.value);
  }
  const selected = selectPolicyVersion(versions, at);
  if (!selected.ok && documents.length === 0)
    return err(policyMissing(regionCode, insuranceType, at.slice(0, 10)));
  return selected;
}

function policyMissing(region: string, insuranceType: string, date: string): DomainError {
  return domainError(
    'POLICY_MISSING',
    `参保地 ${region} 险种 ${insuranceType} 在 ${date} 没有生效的待遇政策，暂不能结算；请联系参保地医保经办机构导入政策。`,
    { ruleId: 'R-M4' },
  );
}

export function inProcessPeer(tx: Tx, dialect: DialectName): InsuredRegionPeer {
  // Whose accumulators a computed settlement belongs to, so posting needs no second person read.
  const computedFor = new Map<string, { psnNo: string; year: number; region: string }>();
  // The person-year accumulators as this transaction last read or wrote them (under the person lock
  // nobody else writes them), so posting right after computing needs no second read.
  const known = new Map<string, readonly AccumulatorValue[]>();
  const knownKey = (psnNo: string, year: number) => `${psnNo}/${year}`;

  async function post(
    state: { psnNo: string; year: number; region: string },
    deltas: AccumulatorDeltas,
    postingId: string,
  ): Promise<void> {
    const key = knownKey(state.psnNo, state.year);
    const current = known.get(key) ?? (await readAccumulators(tx, state.psnNo, state.year));
    known.set(
      key,
      await applyAccumulatorDeltas(
        tx,
        { psnNo: state.psnNo, year: state.year, insuredRegionCode: state.region, settlementId: postingId },
        current,
        deltas,
      ),
    );
  }

  return {
    async computeBenefits(request: BenefitsRequest): Promise<Result<SettlementResult>> {
      const person = await lockPerson(tx, dialect, request.psnNo);
      if (person === undefined || person.insuredRegionCode !== request.insuredRegionCode) {
        return err(
          domainError(
            'PERSON_NOT_FOUND',
            `参保地 ${request.insuredRegionCode} 没有人员编号为 ${request.psnNo} 的参保人。`,
            { field: 'personNo' },
          ),
        );
      }
      const policy = await loadPolicy(tx, person.insuredRegionCode, person.insuranceType, request.settledAt);
      if (!policy.ok) return policy;
      const year = Number(request.settledAt.slice(0, 4));
      const values = await readAccumulators(tx, person.personNo, year);
      known.set(knownKey(person.personNo, year), values);
      computedFor.set(request.settlementId, {
        psnNo: person.personNo,
        year,
        region: person.insuredRegionCode,
      });
      return computeBenefits({
        settlementId: request.settlementId,
        settledAt: request.settledAt,
        person,
        institutionLevel: request.institutionLevel,
        medicalType: request.medicalType,
        situation: request.situation,
        chronicDiseases: request.chronicDiseases,
        lines: request.lines,
        policy: policy.value,
        accumulators: Object.fromEntries(values.map((v) => [v.key, v.value])),
        useAccount: request.useAccount,
      });
    },

    async postBenefits(result, postingId, at, options) {
      const state = computedFor.get(result.settlementId) ?? {
        psnNo: result.personNo,
        year: result.year,
        region: result.insuredRegionCode,
      };
      await post(state, result.accumulatorDeltas, postingId);
      if (result.totals.accountFen !== 0) {
        const balanceBeforeFen = options?.reposting
          ? ((await lockPerson(tx, dialect, result.personNo))?.accountBalanceFen ?? 0)
          : result.accountBalanceBeforeFen;
        await moveAccount(tx, {
          psnNo: result.personNo,
          settlementId: postingId,
          reason: options?.reposting ? 'reposting' : 'settlement',
          deltaFen: -result.totals.accountFen,
          balanceBeforeFen,
          at,
        });
      }
    },

    async postReversal(reversal, postingId, at) {
      const person = await lockPerson(tx, dialect, reversal.personNo);
      if (person === undefined) throw new Error(`person ${reversal.personNo} vanished`);
      await post(
        { psnNo: person.personNo, year: reversal.year, region: person.insuredRegionCode },
        reversal.accumulatorDeltas,
        postingId,
      );
      if (reversal.accountRefundFen !== 0) {
        await moveAccount(tx, {
          psnNo: person.personNo,
          settlementId: postingId,
          reason: 'reversal',
          deltaFen: reversal.accountRefundFen,
          balanceBeforeFen: person.accountBalanceFen,
          at,
        });
      }
    },
  };
}
