/**
 * 分段计算 — pays each band's share of an interval at that band's ratio, rounding each band's
 * product half-up (the trace shows each band, so each band is a fen amount a person can check).
 */
import { applyRatio, type Fen, fen, type RatioBp } from '../money/index.ts';
import type { RatioBand } from '../policy/index.ts';
import { adjustedRatio } from './trace.ts';

export interface BandSegment {
  readonly index: number;
  readonly lowFen: Fen;
  readonly highFen: Fen | null;
  readonly baseRatioBp: RatioBp;
  readonly ratioBp: RatioBp;
  /** The part of [from, to] inside the band. */
  readonly overlapFen: Fen;
  readonly payFen: Fen;
}

/**
 * Segments of [fromFen, toFen] over bands starting at `floorFen`. Bands the interval does not reach
 * are omitted; a band it only touches is omitted too, so the trace lists real work only.
 */
export function bandSegments(
  bands: readonly RatioBand[],
  floorFen: Fen,
  fromFen: Fen,
  toFen: Fen,
  deltaBp: number,
): BandSegment[] {
  const out: BandSegment[] = [];
  let low: number = floorFen;
  bands.forEach((band, index) => {
    const high = band.uptoFen;
    const start = Math.max(low, fromFen);
    const end = high === null ? toFen : Math.min(high, toFen);
    if (end > start) {
      const ratioBp = adjustedRatio(band.ratioBp, deltaBp);
      const overlapFen = fen(end - start);
      out.push({
        index,
        lowFen: fen(low),
        highFen: high,
        baseRatioBp: band.ratioBp,
        ratioBp,
        overlapFen,
        payFen: applyRatio(overlapFen, ratioBp),
      });
    }
    low = high ?? low;
  });
  return out;
}
