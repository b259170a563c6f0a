import { useId } from 'react';

const WIDTH = 640;
const BAR = 26;
const LABEL = 220;

/** Horizontal bars, largest first, drawn as SVG with the numbers written beside them. */
export function BarChart({ title, rows }: { title: string; rows: Array<{ label: string; value: number }> }) {
  const titleId = useId();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = Math.max(BAR, rows.length * (BAR + 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title id={titleId}>{title}</title>
        {rows.map((r, i) => {
          const y = i * (BAR + 8);
          const width = ((WIDTH - LABEL - 60) * r.value) / max;
          return (
            <g key={r.label}>
              <text x={LABEL - 8} y={y + BAR / 2 + 5} textAnchor="end" className="chart-label">
                {r.label.length > 32 ? `${r.label.slice(0, 31)}…` : r.label}
              </text>
              <rect x={LABEL} y={y} width={Math.max(2, width)} height={BAR} rx={3} className="chart-bar" />
              <text x={LABEL + width + 6} y={y + BAR / 2 + 5} className="chart-label">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
