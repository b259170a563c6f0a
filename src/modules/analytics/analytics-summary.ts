import type { Principal } from '../../platform/http/index.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { analyticsErrors } from './analytics.errors.js';
import type { TSummary } from './analytics.schema.js';
import * as store from './analytics.store.js';

const STAFF = new Set(['staff', 'privacy_officer', 'admin']);
const TOP_PAGES = 10;
const DAY_MS = 86_400_000;

/** Counts only (no person, no session, no address): visits, top pages and features used over `days`. */
export async function analyticsSummary(deps: AnalyticsDeps, principal: Principal, days: number): Promise<TSummary> {
  if (!STAFF.has(principal.role)) throw analyticsErrors.staffOnly();
  const to = deps.now();
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) - (days - 1) * DAY_MS);
  const [byDay, pages, features, average] = await Promise.all([store.countsByDay(deps.db, from), store.topPages(deps.db, from, TOP_PAGES), store.featuresByDay(deps.db, from), store.averageSessionMs(deps.db, from)]);
  const counted = new Map(byDay.map((d) => [d.day, d]));
  const everyDay = Array.from({ length: days }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  return {
    from: everyDay[0] ?? to.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    days: everyDay.map((day) => ({ day, visits: Number(counted.get(day)?.visits ?? 0), pageViews: Number(counted.get(day)?.page_views ?? 0) })),
    topPages: pages.map((p) => ({ path: p.path, views: Number(p.views) })),
    features: features.map((f) => ({ day: f.day, feature: f.feature ?? '', uses: Number(f.uses) })),
    averageSessionSeconds: average === null ? null : Math.round(average / 100) / 10,
  };
}
