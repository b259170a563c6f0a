import type { Principal } from '../../platform/http/index.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { analyticsErrors } from './analytics.errors.js';
import type { TSummary } from './analytics.schema.js';
import * as store from './analytics.store.js';

const STAFF = new Set(['staff', 'privacy_officer', 'admin']);
const TOP_PAGES = 10;
const DAY_MS = 86_400_000;

/**
 * Counts only (no person, no session, no address) over `days`: visits, top pages, features used and
 * session length, from the consenting visitors' events and the cookieless totals together (a visit
 * there is a browsing session that ended), and the consent decisions: the share of deciders whose
 * browser sent Global Privacy Control, and decisions by method.
 */
export async function analyticsSummary(deps: AnalyticsDeps, principal: Principal, days: number): Promise<TSummary> {
  if (!STAFF.has(principal.role)) throw analyticsErrors.staffOnly();
  const to = deps.now();
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) - (days - 1) * DAY_MS);
  const fromDay = from.toISOString().slice(0, 10);
  const [byDay, pages, features, average, totals, consent, { values }] = await Promise.all([
    store.countsByDay(deps.db, from),
    // More than shown: the cookieless totals may lift a page over one of these.
    store.topPages(deps.db, from, TOP_PAGES * 10),
    store.featuresByDay(deps.db, from),
    store.averageSessionMs(deps.db, from),
    store.dailyCountsSince(deps.db, fromDay),
    deps.consent.consentStatistics(from),
    deps.policy.current(),
  ]);
  const visits = new Map<string, number>();
  const views = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const d of byDay) {
    add(visits, d.day, Number(d.visits));
    add(views, d.day, Number(d.page_views));
  }
  const viewsByPage = new Map(pages.map((p) => [p.path, Number(p.views)]));
  const featureUses = new Map(features.map((f) => [JSON.stringify([f.day, f.feature ?? '']), Number(f.uses)]));
  let sessions = average.sessions;
  let durationMs = average.totalMs;
  for (const t of totals) {
    const n = Number(t.events);
    if (t.kind === 'page_view') {
      add(views, t.day, n);
      add(viewsByPage, t.path, n);
    } else if (t.kind === 'feature') add(featureUses, JSON.stringify([t.day, t.feature]), n);
    else {
      add(visits, t.day, n);
      sessions += n;
      durationMs += Number(t.duration_ms_sum);
    }
  }
  const everyDay = Array.from({ length: days }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  return {
    from: everyDay[0] ?? to.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    days: everyDay.map((day) => ({ day, visits: visits.get(day) ?? 0, pageViews: views.get(day) ?? 0 })),
    topPages: [...viewsByPage]
      .map(([path, n]) => ({ path, views: n }))
      .sort((a, b) => b.views - a.views || a.path.localeCompare(b.path))
      .slice(0, TOP_PAGES),
    features: [...featureUses]
      .map(([key, uses]) => {
        const [day, feature] = JSON.parse(key) as [string, string];
        return { day, feature, uses };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.feature.localeCompare(b.feature)),
    averageSessionSeconds: sessions === 0 ? null : Math.round(durationMs / sessions / 100) / 10,
    cookieless: values.analyticsMode === 'cookieless',
    consent: { ...consent, gpcShare: consent.subjects === 0 ? null : consent.withGpc / consent.subjects },
  };
}
