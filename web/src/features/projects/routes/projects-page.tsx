import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { useCurrentUser } from '../../../lib/auth.js';
import { formatDate } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { projectListQuery } from '../api/projects-api.js';
import { ProjectThumbnail } from '../components/project-thumbnail.js';
import { StatusBadge } from '../components/status-badge.js';
import { MAX_THUMBNAILS, useProjectThumbnails } from '../hooks/use-thumbnails.js';

const INTROS = {
  customer: 'Your 3D printing projects: their files, quotes and progress.',
  staff: 'The projects you are assigned to.',
  admin: 'Every project on this installation.',
  privacy_officer: 'Your own projects.',
  marketing: 'Your own projects.',
} as const;

export function ProjectsPage() {
  const user = useCurrentUser();
  const projects = useQuery(projectListQuery());
  const thumbnails = useProjectThumbnails(user.id, projects.data?.projects);
  const rows = projects.data?.projects ?? [];

  return (
    <Page title="Projects" intro={INTROS[user.role]} width="wide">
      {projects.data?.canCreate ? (
        <p className="page-actions">
          <Link to="/projects/new" className="button button-primary">
            New project
          </Link>
        </p>
      ) : null}
      <FormAlert message={loadError(projects)} />
      <div className="card">
        {projects.isPending ? <Loading label="Loading projects…" /> : null}
        {projects.isSuccess && rows.length === 0 ? (
          <p className="muted">{projects.data.canCreate ? 'You have no projects yet. Start one to upload your models and get a quote.' : 'No projects to show.'}</p>
        ) : null}
        {rows.length > 0 ? (
          <ul className="project-list" aria-label="Projects">
            {rows.map((p, index) => (
              <li key={p.id} className="project-row">
                <ProjectThumbnail src={thumbnails[p.id] ?? (index < MAX_THUMBNAILS ? undefined : 'none')} title={p.title} />
                <div className="project-row-main">
                  <p className="project-row-title">
                    <Link to={`/projects/${p.id}`}>{p.title}</Link>
                    <StatusBadge status={p.status} />
                  </p>
                  {p.process === null ? null : (
                    <p className="muted small">
                      {p.process} · {p.material} · {p.quantity === 1 ? '1 part' : `${p.quantity} parts`}
                    </p>
                  )}
                </div>
                <dl className="project-row-dates small">
                  <div>
                    <dt>Wanted by</dt>
                    <dd>{formatDate(p.wantedDeliveryDate)}</dd>
                  </div>
                  <div>
                    <dt>Promised</dt>
                    <dd>{formatDate(p.promisedDeliveryDate)}</dd>
                  </div>
                  <div>
                    <dt>Updated</dt>
                    <dd>{formatDate(p.updatedAt)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Page>
  );
}
