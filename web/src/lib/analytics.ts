import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { apiClient } from './api/client.js';
import { apiRawRequest } from './api/raw-request.js';
import type { RequestOf } from './api/types.js';
import { consentQuery } from './consent.js';
import { useLocation } from './router.js';

type AnalyticsEvent = RequestOf<'/api/analytics/events', 'post'>['events'][number];

/** One id per page load: visits and session lengths are counted per browsing session, not per person. */
const sessionId = crypto.randomUUID().replaceAll('-', '');
const startedAt = Date.now();
let allowed = false;

/**
 * Whether to count: under a cookieless policy always; otherwise whether this visitor said yes to analytics: the analytics cookie category, or a consent-based
 * analytics purpose. The server checks the records again before it stores anything; this only keeps
 * the browser from sending what would be thrown away.
 */
function analyticsAllowed(state: { notice: { analyticsMode: string }; categories: Record<string, boolean>; purposes: Record<string, boolean> } | undefined): boolean {
  if (!state) return false;
  // Cookieless (the manifest says so): the server keeps daily totals only, of no one, so nobody is asked.
  if (state.notice.analyticsMode === 'cookieless') return true;
  return state.categories.analytics === true || Object.entries(state.purposes).some(([id, yes]) => yes && /analytic/i.test(id));
}

function send(events: AnalyticsEvent[]) {
  if (!allowed) return;
  // Counting never gets in the way: a refusal or a network error is ignored.
  apiClient.POST('/api/analytics/events', { body: { sessionId, events } }).catch(() => undefined);
}

/** Records that a feature was used (e.g. "projects.create"), with consent only. */
export function trackFeature(feature: string) {
  send([{ kind: 'feature', path: window.location.pathname, feature }]);
}

/** Page views on every navigation, and the session's length when the page goes away; with consent only. */
export function usePageAnalytics() {
  const { pathname } = useLocation();
  const { data } = useQuery(consentQuery());
  const first = useRef(true);
  allowed = analyticsAllowed(data);

  useEffect(() => {
    if (!allowed) return;
    send([{ kind: 'page_view', path: pathname, ...(first.current && document.referrer ? { referrer: document.referrer } : {}) }]);
    first.current = false;
  }, [pathname, data]);

  useEffect(() => {
    const end = () => {
      if (!allowed) return;
      const body = JSON.stringify({ sessionId, events: [{ kind: 'session_end', path: window.location.pathname, durationMs: Math.min(Date.now() - startedAt, 86_400_000) }] });
      apiRawRequest('/api/analytics/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
    };
    window.addEventListener('pagehide', end);
    return () => window.removeEventListener('pagehide', end);
  }, []);
}
