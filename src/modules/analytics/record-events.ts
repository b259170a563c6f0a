import { createHash, randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import type { TEvent, TIngest } from './analytics.schema.js';
import * as store from './analytics.store.js';
import type { AnalyticsTables } from './analytics.tables.js';
import { isBot } from './bots.js';

export type Visitor = { principal: Principal | null; visitorId: string | null; userAgent: string | undefined; ip: string | undefined };

/**
 * Stores a batch of events from the web app or the operator's website, only when egress's processing
 * check says analytics is allowed for this person or visitor (their consent, where the policy bases
 * analytics on it) and the user agent is no robot. Only what the policy declares is kept: the visitor
 * id with cookie identifiers, a daily-salted hash of the address with IP addresses, never the address.
 */
export async function recordEvents(deps: AnalyticsDeps, who: Visitor, input: TIngest, ctx: Pick<RequestContext, 'requestId'>) {
  if (isBot(who.userAgent)) return { stored: 0, dropped: 'bot' as const };
  const { values } = await deps.policy.current();
  if (values.analyticsMode === 'cookieless') return countOnly(deps, input, ctx);
  const userId = who.principal?.userId ?? null;
  if (!userId && !who.visitorId) return { stored: 0, dropped: 'no_consent' as const };
  const now = deps.now();
  // A person's events name only them; a visitor's, the consent cookie's id where the policy declares cookie ids.
  const visitorId = !userId && values.isDeclared('technical.cookie_id') ? who.visitorId : null;
  const ipHash = values.isDeclared('technical.ip') && who.ip ? hashAddress(who.ip, deps.dailySalt(now.toISOString().slice(0, 10))) : null;
  return deps.uow.run(who.principal ? byPrincipal(who.principal, ctx) : { actor: SYSTEM_ACTOR, requestId: ctx.requestId }, async (work) => {
    // Asked inside the work that stores: a withdrawal written meanwhile stops this batch.
    if (!(await deps.egress.isProcessingAllowed(work, { userId, visitorId: who.visitorId }, 'analytics'))) return { stored: 0, dropped: 'no_consent' as const };
    const rows = input.events.map((e) => rowOf(e, { userId, visitorId, sessionId: input.sessionId, ipHash, at: now }));
    await store.insertEvents(tablesOf<AnalyticsTables>(work), rows);
    await work.audit({ action: 'analytics.recorded', subjectId: userId, target: { type: 'analytics_session', id: input.sessionId }, details: { events: rows.length, kinds: [...new Set(rows.map((r) => r.kind))] } });
    return { stored: rows.length, dropped: null };
  });
}

/**
 * Cookieless mode (manifest `analytics: cookieless`): the batch only adds to the day's totals per
 * page and feature. Nothing about who sent it is kept (no person, visitor, session, referrer or
 * address), so there is no one to ask consent of, nothing to export and nothing to erase.
 */
async function countOnly(deps: AnalyticsDeps, input: TIngest, ctx: Pick<RequestContext, 'requestId'>) {
  const day = deps.now().toISOString().slice(0, 10);
  const totals = new Map<string, { day: string; kind: TEvent['kind']; path: string; feature: string; events: number; duration_ms_sum: number }>();
  for (const e of input.events) {
    const row = rowOf(e, { userId: null, visitorId: null, sessionId: '', ipHash: null, at: deps.now() });
    const key = JSON.stringify([row.kind, row.path, row.feature ?? '']);
    const total = totals.get(key) ?? { day, kind: row.kind, path: row.path, feature: row.feature ?? '', events: 0, duration_ms_sum: 0 };
    total.events += 1;
    total.duration_ms_sum += row.duration_ms ?? 0;
    totals.set(key, total);
  }
  await deps.uow.run({ actor: SYSTEM_ACTOR, requestId: ctx.requestId }, (work) => store.addToDailyCounts(tablesOf<AnalyticsTables>(work), [...totals.values()]));
  return { stored: input.events.length, dropped: null };
}

function rowOf(e: TEvent, base: { userId: string | null; visitorId: string | null; sessionId: string; ipHash: string | null; at: Date }) {
  return {
    id: randomUUID(),
    user_id: base.userId,
    visitor_id: base.visitorId,
    session_id: base.sessionId,
    kind: e.kind,
    // The path alone: a query string or fragment may carry a token or an e-mail address.
    path: e.path.split(/[?#]/)[0] ?? '/',
    feature: e.kind === 'feature' ? (e.feature ?? null) : null,
    referrer: originOf(e.referrer),
    duration_ms: e.kind === 'session_end' ? (e.durationMs ?? null) : null,
    ip_hash: base.ipHash,
    occurred_at: base.at,
  };
}

function originOf(referrer: string | undefined): string | null {
  if (!referrer) return null;
  try {
    const url = new URL(referrer);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

function hashAddress(ip: string, salt: string): string {
  return createHash('sha256').update(`${salt}\n${ip}`, 'utf8').digest('hex');
}
