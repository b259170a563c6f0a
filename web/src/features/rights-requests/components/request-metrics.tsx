import type { RequestMetrics } from '../api/rights-requests-api.js';

/** The queue's health at a glance: what is open, what is late, how fast answers go out. */
export function RequestMetricsBar({ metrics }: { metrics: RequestMetrics }) {
  const items: [string, string][] = [
    ['Received', String(metrics.received)],
    ['Open', String(metrics.open)],
    ['Overdue', String(metrics.overdue)],
    ['Completed', String(metrics.completed)],
    ['Denied', String(metrics.denied)],
    ['Answered late', String(metrics.answeredLate)],
    ['Median days to answer', metrics.medianDaysToAnswer === null ? '—' : String(metrics.medianDaysToAnswer)],
  ];
  return (
    <dl className="facts" aria-label="Request metrics">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
