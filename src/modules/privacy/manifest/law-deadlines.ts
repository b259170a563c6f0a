import type { Duration } from './durations.js';

/*
 * The longest each data-protection law lets a business take to answer a person's request. These
 * are law constants, not policy values: the manifest states the business's own deadline, and a
 * manifest that promises longer than the law allows is refused (semantic-checks.ts).
 *
 * `base` is the period from receipt; `extension` the most the law lets it be extended by (counted
 * together with the base from receipt, as due-dates.ts counts it). `extension: 'no fixed limit'`
 * means the law allows an extension without naming its length; no extension at all is `undefined`.
 *
 * Not modelled (a jurisdiction naming them is not checked): Brazil's LGPD (art. 19 II gives 15 days
 * for a complete access answer only; other rights wait for the ANPD's regulation).
 */
export interface LawDeadline {
  /** How the law is named in a sentence. */
  readonly name: string;
  readonly base: Duration;
  readonly extension: Duration | 'no fixed limit' | undefined;
  /** Where the deadline is written, printed with every problem so the operator can check it. */
  readonly source: string;
  /** Words in a jurisdiction's id (split on _ and -) that mean this law when `laws` is not given. */
  readonly idWords: readonly string[];
}

const months = (n: number): Duration => ({ years: 0, months: n, days: 0 });
const days = (n: number): Duration => ({ years: 0, months: 0, days: n });

export const LAW_DEADLINES = {
  // Regulation (EU) 2016/679, art. 12(3): "without undue delay and in any event within one month of
  // receipt of the request. That period may be extended by two further months where necessary".
  // Applies in the EEA through the EEA Agreement (Iceland, Liechtenstein, Norway).
  gdpr: { name: 'the GDPR', base: months(1), extension: months(2), source: 'GDPR art. 12(3)', idWords: ['eu', 'eea', 'gdpr', 'europe'] },
  // UK GDPR (retained Regulation (EU) 2016/679 as amended), art. 12(3): the same one month + two months.
  uk_gdpr: { name: 'the UK GDPR', base: months(1), extension: months(2), source: 'UK GDPR art. 12(3)', idWords: ['uk', 'gb'] },
  // Swiss FADP (revDSG) art. 25(7) and Data Protection Ordinance (DPO/DSV) art. 18(1): within 30 days;
  // art. 18(2) lets the controller extend when it cannot answer in time, telling the person the new
  // period, but sets no maximum.
  ch_fadp: { name: 'the Swiss FADP', base: days(30), extension: 'no fixed limit', source: 'FADP art. 25(7) with DPO art. 18', idWords: ['ch', 'swiss', 'switzerland', 'fadp'] },
  // California Consumer Privacy Act as amended by the CPRA, Cal. Civ. Code § 1798.130(a)(2)(A):
  // within 45 days of receipt, extendable once by an additional 45 days when reasonably necessary
  // (CCPA Regulations, 11 CCR § 7021(b)).
  ccpa: { name: 'the CCPA/CPRA', base: days(45), extension: days(45), source: 'Cal. Civ. Code § 1798.130(a)(2)(A)', idWords: ['california', 'ccpa', 'cpra'] },
  // The other US state privacy laws use the same 45 days + 45 days: Virginia (Va. Code § 59.1-577(B)),
  // Colorado (C.R.S. § 6-1-1306(2)), Connecticut (Conn. Gen. Stat. § 42-518(b)), Utah (Utah Code
  // § 13-61-203(2)), Texas (Bus. & Com. Code § 541.052), Oregon (ORS 646A.576(2)).
  us_states: { name: 'the US state privacy laws', base: days(45), extension: days(45), source: 'Cal. Civ. Code § 1798.130(a)(2); Va. Code § 59.1-577(B) and their equivalents', idWords: ['us', 'usa'] },
  // Canada, PIPEDA s. 8(3): within 30 days after receipt; s. 8(4)(a): extendable by a maximum of
  // 30 further days (s. 8(4)(b), a longer period to convert to an alternative format, is not a general extension).
  pipeda: { name: 'PIPEDA', base: days(30), extension: days(30), source: 'PIPEDA s. 8(3) and 8(4)(a)', idWords: ['canada', 'pipeda'] },
} as const satisfies Record<string, LawDeadline>;

export type LawId = keyof typeof LAW_DEADLINES;
export const LAW_IDS = Object.keys(LAW_DEADLINES) as [LawId, ...LawId[]];

export function isLawId(value: unknown): value is LawId {
  return typeof value === 'string' && Object.hasOwn(LAW_DEADLINES, value);
}

/** The laws a jurisdiction id names by its words: `eea_uk` is the GDPR and the UK GDPR, `everyone` none. */
export function lawsNamedById(id: string): LawId[] {
  const words = new Set(id.toLowerCase().split(/[_-]+/));
  return LAW_IDS.filter((law) => LAW_DEADLINES[law].idWords.some((word) => words.has(word)));
}
