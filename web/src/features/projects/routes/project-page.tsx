/** One project, for its customer, its staff and admins: status, models, quote, messages and people. */
import { useQuery } from '@tanstack/react-query';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useCurrentUser } from '../../../lib/auth.js';
import { useFeatures } from '../../../lib/features.js';
import { formatDate } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { projectQuery, type Project } from '../api/projects-api.js';
import { AssignedStaff, AssignmentEditor } from '../components/assignments.js';
import { FilesPanel } from '../components/files-panel.js';
import { MessageThread } from '../components/message-thread.js';
import { QuotesPanel } from '../components/quotes-panel.js';
import { Specifications } from '../components/specifications.js';
import { StatusBadge } from '../components/status-badge.js';
import { CancelProject, PromisedDeliveryForm, StaffStatusForm } from '../components/status-controls.js';
import { DeliveryDates, StatusSteps, Timeline } from '../components/status-timeline.js';

export function ProjectPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const project = useQuery(projectQuery(id));
  const features = useFeatures();
  const created = useSearchParam('created') === '1';

  const p = project.data;
  if (!p) {
    return (
      <Page title={project.isError ? 'Project not available' : 'Project'} width="wide">
        {project.isError ? (
          <Notice tone="error">
            <p>{loadError(project)}</p>
            <p>
              <Link to="/projects">Back to the projects</Link>
            </p>
          </Notice>
        ) : (
          <Loading label="Loading the project…" />
        )}
      </Page>
    );
  }

  const asCustomer = p.viewerRole === 'customer';

  return (
    <Page title={p.title} width="wide" intro={<ProjectIntro project={p} asCustomer={asCustomer} />}>
      <p className="breadcrumb small">
        <Link to="/projects">← All projects</Link>
      </p>
      <div className="stack">
        <StatusMessage>{created ? 'Project created. Add your 3D models below to get an instant quote.' : null}</StatusMessage>
        <FormAlert message={loadError(project)} />
        <Section title="Status">
          <div className="status-overview">
            <StatusSteps status={p.status} />
            <DeliveryDates project={p} />
          </div>
          {!asCustomer && (p.allowedTransitions.length > 0 || p.canSetPromisedDelivery) ? (
            <div className="staff-tools">
              <StaffStatusForm project={p} />
              {p.canSetPromisedDelivery ? <PromisedDeliveryForm project={p} /> : null}
            </div>
          ) : null}
          {asCustomer ? <CancelProject project={p} /> : null}
        </Section>
        <FilesPanel projectId={p.id} userId={user.id} canUpload={p.canAddFiles} />
        <div className="project-layout">
          <div className="project-main stack">
            {features.isOn('quotes') ? <QuotesPanel projectId={p.id} asCustomer={asCustomer} /> : null}
            <MessageThread projectId={p.id} userId={user.id} canPost={p.canPostMessages} />
          </div>
          <aside className="project-side stack" aria-label="Project details">
            <Section title="History">
              <Timeline entries={p.timeline} />
            </Section>
            {p.process === null ? null : (
              <Section title="Specifications">
                <Specifications project={p} />
              </Section>
            )}
            <Section title="People">
              <dl className="facts">
                <div>
                  <dt>Customer</dt>
                  <dd>
                    {p.customer.name}
                    {asCustomer ? null : <span className="muted small facts-sub">{p.customer.email}</span>}
                  </dd>
                </div>
              </dl>
              <h3>Staff on this project</h3>
              {p.canAssignStaff ? <AssignmentEditor project={p} /> : <AssignedStaff project={p} />}
            </Section>
          </aside>
        </div>
      </div>
    </Page>
  );
}

function ProjectIntro({ project, asCustomer }: { project: Project; asCustomer: boolean }) {
  return (
    <>
      <StatusBadge status={project.status} className="badge-large" /> {project.quantity} × {project.process} in {project.material}
      {project.promisedDeliveryDate ? <> · delivery promised for {formatDate(project.promisedDeliveryDate)}</> : null}
      {asCustomer ? null : <> · for {project.customer.name}</>}
    </>
  );
}
