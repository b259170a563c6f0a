/** One project, for its customer, its staff and admins: status, models, quote, messages and people. */
import { useCallback } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useCurrentUser } from '../../../lib/auth.js';
import { formatDate } from '../../../lib/format.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { useResource } from '../../../lib/use-resource.js';
import { listFiles } from '../api/files-api.js';
import { getProject, listMessages, type Project, type ProjectStatus } from '../api/projects-api.js';
import { listQuotes } from '../api/quotes-api.js';
import { AssignedStaff, AssignmentEditor } from '../components/assignments.js';
import { FilesPanel } from '../components/files-panel.js';
import { MessageThread } from '../components/message-thread.js';
import { QuotesPanel } from '../components/quotes-panel.js';
import { Specifications } from '../components/specifications.js';
import { StatusBadge } from '../components/status-badge.js';
import { CancelProject, PromisedDeliveryForm, StaffStatusForm } from '../components/status-controls.js';
import { DeliveryDates, StatusSteps, Timeline } from '../components/status-timeline.js';

const CLOSED: ReadonlySet<ProjectStatus> = new Set(['completed', 'cancelled']);
/** Files can be added until the parts leave the workshop. */
const UPLOADABLE: ReadonlySet<ProjectStatus> = new Set(['received', 'in_review', 'quoted', 'in_production']);

export function ProjectPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const project = useResource((signal) => getProject(id, signal), [id]);
  const files = useResource((signal) => listFiles(id, signal), [id]);
  const quotes = useResource((signal) => listQuotes(id, signal), [id]);
  const messages = useResource((signal) => listMessages(id, signal), [id]);
  const created = useSearchParam('created') === '1';

  const reloadProject = project.reload;
  const reloadQuotes = quotes.reload;
  const reloadFiles = files.reload;
  // Quotes move the project's status and status changes close quoting: refresh both together.
  const onProjectChanged = useCallback(() => {
    reloadProject();
    reloadQuotes();
  }, [reloadProject, reloadQuotes]);
  const onFilesChanged = useCallback(() => {
    reloadFiles();
    reloadQuotes();
  }, [reloadFiles, reloadQuotes]);

  const p = project.data;
  if (!p) {
    return (
      <Page title={project.status === 'error' ? 'Project not available' : 'Project'} width="wide">
        {project.status === 'error' ? (
          <Notice tone="error">
            <p>{project.error}</p>
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

  const asCustomer = p.customer.id === user.id;
  const asStaff = !asCustomer && (user.role === 'staff' || user.role === 'admin');
  const closed = CLOSED.has(p.status);
  const hasAnalysedFile = (files.data ?? []).some((f) => f.status === 'analysed');

  return (
    <Page title={p.title} width="wide" intro={<ProjectIntro project={p} asCustomer={asCustomer} />}>
      <p className="breadcrumb small">
        <Link to="/projects">← All projects</Link>
      </p>
      <div className="stack">
        <StatusMessage>{created ? 'Project created. Add your 3D models below to get an instant quote.' : null}</StatusMessage>
        <FormAlert message={project.status === 'error' ? project.error : null} />
        <Section title="Status">
          <div className="status-overview">
            <StatusSteps status={p.status} />
            <DeliveryDates project={p} />
          </div>
          {asStaff && !closed ? (
            <div className="staff-tools">
              <StaffStatusForm project={p} onChanged={onProjectChanged} />
              <PromisedDeliveryForm project={p} onChanged={onProjectChanged} />
            </div>
          ) : null}
          {asCustomer ? <CancelProject project={p} onChanged={onProjectChanged} /> : null}
        </Section>
        <FilesPanel projectId={p.id} userId={user.id} files={files} canUpload={UPLOADABLE.has(p.status)} onChanged={onFilesChanged} />
        <div className="project-layout">
          <div className="project-main stack">
            <QuotesPanel projectId={p.id} status={p.status} asCustomer={asCustomer} hasAnalysedFile={hasAnalysedFile} quotes={quotes} onChanged={onProjectChanged} />
            <MessageThread projectId={p.id} userId={user.id} messages={messages} closed={closed} />
          </div>
          <aside className="project-side stack" aria-label="Project details">
            <Section title="History">
              <Timeline entries={p.timeline} />
            </Section>
            <Section title="Specifications">
              <Specifications project={p} />
            </Section>
            <Section title="People">
              <dl className="facts">
                <div>
                  <dt>Customer</dt>
                  <dd>
                    {p.customer.name}
                    {asStaff ? <span className="muted small facts-sub">{p.customer.email}</span> : null}
                  </dd>
                </div>
              </dl>
              <h3>Staff on this project</h3>
              {user.role === 'admin' ? <AssignmentEditor project={p} onChanged={reloadProject} /> : <AssignedStaff project={p} />}
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
