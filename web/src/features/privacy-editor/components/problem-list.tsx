import type { ManifestProblem } from '../api/privacy-editor-api.js';

/** Every problem with its line; choosing one puts the cursor on that line of the editor. */
export function ProblemList({ problems, onGoTo, noun = 'problem' }: { problems: ManifestProblem[]; onGoTo: (line: number, column: number) => void; noun?: 'problem' | 'warning' }) {
  return (
    <ol className="pe-problems" aria-label={`${problems.length} ${noun}${problems.length === 1 ? '' : 's'} in the manifest`}>
      {problems.map((p, i) => (
        <li key={`${p.line}:${p.column}:${p.path}:${i}`} className="pe-problem">
          <button type="button" className="button button-link pe-line" onClick={() => onGoTo(p.line, p.column)}>
            Line {p.line}, column {p.column}
          </button>
          {p.path ? <code className="pe-path">{p.path}</code> : null}
          <span className="pe-message">{p.message}</span>
        </li>
      ))}
    </ol>
  );
}
