import type { ManifestProblem } from '../api/privacy-editor-api.js';

/** Line numbers beside the text, with the lines that have a problem marked (and their message on hover). */
export function LineGutter({ lineCount, problems, scrollTop }: { lineCount: number; problems: ManifestProblem[]; scrollTop: number }) {
  const byLine = new Map<number, string[]>();
  for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.message]);
  const lines = Array.from({ length: Math.max(lineCount, 1) }, (_, i) => i + 1);
  return (
    <div className="pe-gutter" aria-hidden="true">
      <div style={{ transform: `translateY(${-scrollTop}px)` }}>
        {lines.map((n) => {
          const messages = byLine.get(n);
          return (
            <div key={n} className={messages ? 'pe-gutter-line pe-gutter-error' : 'pe-gutter-line'} title={messages?.join('\n')}>
              {messages ? '⚠ ' : ''}
              {n}
            </div>
          );
        })}
      </div>
    </div>
  );
}
