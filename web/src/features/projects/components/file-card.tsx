/** One model of a project: its state, the 3D view beside the analysis, download and delete. */
import { lazy, Suspense } from 'react';
import { Notice } from '../../../components/alerts.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { Loading } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { downloadUrl, type ProjectFile } from '../api/files-api.js';
import { formatBytes } from '../utils/format.js';
import { DeleteWithReason } from './delete-with-reason.js';
import { FileAnalysis } from './file-analysis.js';

// three.js is large: it loads with the first model shown, not with the app.
const ModelViewer = lazy(() => import('../viewer/model-viewer.js').then((m) => ({ default: m.ModelViewer })));

/** Delete is offered as the server says (`canDelete`); somebody else's file is deleted only with a reason. */
export function FileCard({ file, userId, deleting, onDelete, onDeleteWithReason }: { file: ProjectFile; userId: string; deleting: boolean; onDelete: () => void; onDeleteWithReason: (reason: string) => Promise<void> }) {
  const headingId = `file-${file.id}-heading`;
  return (
    <article className="file-card" aria-labelledby={headingId}>
      <header className="file-head">
        <div>
          <h3 id={headingId} className="file-name">
            {file.name}
            <FileStatus status={file.status} />
          </h3>
          <p className="muted small">
            {formatBytes(file.size)} · uploaded {formatDateTime(file.createdAt)}
          </p>
        </div>
        <div className="button-row">
          <a className="button button-secondary button-small" href={downloadUrl(file.id)} download={file.name} aria-label={`Download ${file.name}`}>
            Download
          </a>
          {file.canDelete && !file.deleteNeedsReason ? (
            <ConfirmButton label="Delete" confirmLabel="Delete for good" question={`Delete ${file.name}? It cannot be recovered.`} busy={deleting} onConfirm={onDelete} />
          ) : null}
          {file.canDelete && file.deleteNeedsReason ? <DeleteWithReason fileName={file.name} onDelete={onDeleteWithReason} /> : null}
        </div>
      </header>
      {file.status === 'uploaded' ? (
        <p className="analysing" role="status">
          <span className="spinner" aria-hidden="true" />
          Checking the model: size, volume, watertightness and which machines it fits…
        </p>
      ) : null}
      {file.status === 'rejected' ? (
        <Notice tone="error" title="We could not use this file">
          <p>{file.rejectionReason ?? 'The file could not be read as a 3D model.'}</p>
          <p>Export it again from your design tool and upload the new file.</p>
        </Notice>
      ) : null}
      {file.status === 'analysed' && file.analysis ? (
        <div className="file-body">
          <Suspense fallback={<Loading label="Loading the 3D viewer…" />}>
            <ModelViewer userId={userId} file={file} />
          </Suspense>
          <FileAnalysis analysis={file.analysis} fits={file.buildVolumeFit} fileName={file.name} />
        </div>
      ) : null}
    </article>
  );
}

function FileStatus({ status }: { status: ProjectFile['status'] }) {
  switch (status) {
    case 'uploaded':
      return <span className="badge badge-accent">Analysing</span>;
    case 'analysed':
      return <span className="badge badge-ok file-badge">Analysed</span>;
    case 'rejected':
      return <span className="badge badge-danger">Rejected</span>;
  }
}
