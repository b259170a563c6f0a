import type { Project } from '../api/projects-api.js';
import { PROCESS_NAMES, UNIT_NAMES } from '../utils/format.js';

/** The customer's specifications and printing requirements, as entered. */
export function Specifications({ project }: { project: Project }) {
  const rows: [string, string | null][] = [
    ['Process', project.process === null ? null : (PROCESS_NAMES[project.process] ?? project.process)],
    ['Material', project.material],
    ['Colour', project.colour],
    ['Quantity', project.quantity === null ? null : String(project.quantity)],
    ['Model units', project.units === null ? null : (UNIT_NAMES[project.units] ?? project.units)],
    ['Tolerance', project.toleranceMm === null ? null : `± ${project.toleranceMm} mm`],
    ['Finish', project.finish],
  ];
  return (
    <>
      <dl className="facts facts-grid">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      {project.notes ? (
        <div className="spec-notes">
          <h3>Notes</h3>
          <p className="pre-line">{project.notes}</p>
        </div>
      ) : null}
    </>
  );
}
