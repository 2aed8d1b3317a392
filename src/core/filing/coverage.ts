/**
 * Where and when a filing applies: its target (a city or a whole province, R-F1 §9) and its validity
 * window, shortened when it was revoked or superseded.
 */
import { addDays, addMonths, type IsoDate } from '../calendar/index.ts';
import type { RegionCode } from '../reference/types.ts';
import { type Filing, type FilingPolicy, type FilingTarget, type FilingType, isLongTerm } from './types.ts';

const REGION_CODE = /^\d{6}$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE.test(code);
}

/** Province of a region: the first two digits. */
export function provinceOf(code: RegionCode): string {
  return code.slice(0, 2);
}

export function targetCovers(target: FilingTarget, regionCode: RegionCode): boolean {
  return target.scope === 'city'
    ? target.regionCode === regionCode
    : provinceOf(target.provinceCode) === provinceOf(regionCode);
}

/** Two targets share at least one region (same city, or a city inside a province, or the same province). */
export function targetsIntersect(a: FilingTarget, b: FilingTarget): boolean {
  if (a.scope === 'city') return targetCovers(b, a.regionCode);
  if (b.scope === 'city') return targetCovers(a, b.regionCode);
  return provinceOf(a.provinceCode) === provinceOf(b.provinceCode);
}

export function describeTarget(target: FilingTarget): string {
  return target.scope === 'city' ? `城市 ${target.regionCode}` : `全省 ${target.provinceCode}`;
}

/** Last valid day of a new filing: none for long-term (valid until changed), else the policy's period. */
export function validToFor(type: FilingType, validFrom: IsoDate, policy: FilingPolicy): IsoDate | null {
  if (isLongTerm(type)) return null;
  const v = policy.temporaryValidity;
  return 'months' in v ? addDays(addMonths(validFrom, v.months), -1) : addDays(validFrom, v.days - 1);
}

/** Inclusive window in which the filing applied; `to` null means open-ended. */
export interface Window {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

export function effectiveWindow(filing: Pick<Filing, 'validFrom' | 'validTo' | 'endedOn'>): Window {
  const endedTo = filing.endedOn === null ? null : addDays(filing.endedOn, -1);
  const to =
    filing.validTo === null
      ? endedTo
      : endedTo === null || filing.validTo < endedTo
        ? filing.validTo
        : endedTo;
  return { from: filing.validFrom, to };
}

export function windowsOverlap(a: Window, b: Window): boolean {
  return (
    (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to) && isNonEmpty(a) && isNonEmpty(b)
  );
}

export function windowContains(w: Window, date: IsoDate): boolean {
  return date >= w.from && (w.to === null || date <= w.to);
}

function isNonEmpty(w: Window): boolean {
  return w.to === null || w.from <= w.to;
}

export function describeWindow(w: Window): string {
  return w.to === null ? `${w.from} 起长期有效` : `${w.from} 至 ${w.to}`;
}
