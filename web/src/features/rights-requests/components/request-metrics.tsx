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
    <div className="table-wrap">
      <table className="table" aria-label="Request metrics">
        <thead>
          <tr>
            {items.map(([label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {items.map(([label, value]) => (
              <td key={label}>{value}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
