/** Where the project stands: the steps of its life so far, and what happened when. */
import { formatDate, formatDateTime } from '../../../lib/format.js';
import type { Project, ProjectStatus } from '../api/projects-api.js';
import { roleWord, STATUS_LABELS } from '../utils/format.js';

const PATH: readonly ProjectStatus[] = ['received', 'in_review', 'quoted', 'in_production', 'shipped', 'delivered', 'completed'];

export function StatusSteps({ status }: { status: ProjectStatus }) {
  if (status === 'cancelled') return <p className="notice notice-warning">This project was cancelled.</p>;
  const current = PATH.indexOf(status);
  return (
    <ol className="status-steps" aria-label="Progress">
      {PATH.map((step, i) => (
        <li key={step} className={i < current ? 'step-done' : i === current ? 'step-current' : 'step-next'} aria-current={i === current ? 'step' : undefined}>
          <span className="step-dot" aria-hidden="true" />
          <span className="step-label">
            {STATUS_LABELS[step]}
            <span className="visually-hidden">{i < current ? ' (done)' : i === current ? ' (current)' : ''}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

export function DeliveryDates({ project }: { project: Project }) {
  return (
    <dl className="facts">
      <div>
        <dt>Promised delivery</dt>
        <dd>{project.promisedDeliveryDate ? <strong>{formatDate(project.promisedDeliveryDate)}</strong> : <span className="muted">Not yet promised</span>}</dd>
      </div>
      <div>
        <dt>Wanted by</dt>
        <dd>{formatDate(project.wantedDeliveryDate)}</dd>
      </div>
    </dl>
  );
}

export function Timeline({ entries }: { entries: Project['timeline'] }) {
  return (
    <ol className="timeline" aria-label="Timeline">
      {[...entries].reverse().map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <p className="timeline-what">
            <strong>{STATUS_LABELS[e.to]}</strong>
            <span className="muted small"> · {formatDateTime(e.at)} · by {roleWord(e.actorRole)}</span>
          </p>
          {e.note ? <p className="timeline-note small">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
