export const EVENT_KINDS = ['page_view', 'feature', 'session_end'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface AnalyticsTables {
  analytics_events: {
    id: string;
    /** The signed-in person, else null: `visitor_id` names the anonymous visitor. */
    user_id: string | null;
    /** The visitor id of the essential consent cookie (the one their consent records name). */
    visitor_id: string | null;
    /** A random id the client makes per browsing session (tab), for session duration and clickstream order. */
    session_id: string;
    kind: EventKind;
    /** The page's path only: no query string or fragment, which may carry tokens. */
    path: string;
    feature: string | null;
    /** The referring site's origin only. */
    referrer: string | null;
    duration_ms: number | null;
    /** SHA-256 of the address under the day's salt, where the policy declares IP addresses; never the address. */
    ip_hash: string | null;
    occurred_at: Date;
  };
  /** Cookieless mode: totals only (no person, visitor, session or address). `feature` is '' for other kinds. */
  analytics_daily_counts: {
    /** YYYY-MM-DD (UTC). */
    day: string;
    kind: EventKind;
    path: string;
    feature: string;
    events: string | number;
    duration_ms_sum: string | number;
  };
}
