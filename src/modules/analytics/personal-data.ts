import { defineTables, notPersonal } from '../../platform/registry/index.js';

const usage = { category: 'usage.clickstream', erase: 'delete-row' } as const;

export const analyticsData = defineTables({
  analytics_events: {
    subject: 'user_id',
    retentionStart: 'occurred_at',
    description: 'With your consent: the pages you visited, the features you used and how long you stayed.',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      // Blanked when cookie identifiers expire, so the event itself lives on to be aggregated.
      visitor_id: { category: 'technical.cookie_id', erase: 'null', onlyIfDeclared: true },
      session_id: usage,
      kind: usage,
      path: usage,
      feature: usage,
      referrer: usage,
      duration_ms: usage,
      ip_hash: { category: 'technical.ip', erase: 'null', onlyIfDeclared: true },
      occurred_at: usage,
    },
  },
  analytics_daily_counts: {
    subject: null,
    description: 'Where the policy counts visits without cookies: totals per day, page and feature, of no one.',
    columns: { day: notPersonal, kind: notPersonal, path: notPersonal, feature: notPersonal, events: notPersonal, duration_ms_sum: notPersonal },
  },
});
