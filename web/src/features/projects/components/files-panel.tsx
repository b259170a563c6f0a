/** The project's models: upload, then each file with its analysis; refreshed while any is being checked. */
import { useEffect, useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Loading, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import type { Resource } from '../../../lib/use-resource.js';
import { deleteFile, type ProjectFile } from '../api/files-api.js';
import { UploadPanel } from '../uploads/upload-panel.js';
import { FileCard } from './file-card.js';

const POLL_MS = 1500;

export function FilesPanel({ projectId, userId, files, canUpload, onChanged }: { projectId: string; userId: string; files: Resource<ProjectFile[]>; canUpload: boolean; onChanged: () => void }) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = files.data ?? [];
  const pending = list.some((f) => f.status === 'uploaded');
  const { reload } = files;

  // The analysis runs as a background job: look again until every file has its verdict.
  useEffect(() => {
    if (!pending || files.status === 'loading') return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, files.status, files.data, reload]);

  async function remove(file: ProjectFile) {
    setBusyId(file.id);
    setError(null);
    setStatus(null);
    try {
      await deleteFile(file.id);
      setStatus(`${file.name} has been deleted.`);
      onChanged();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Section title="3D models" description={canUpload ? 'Your files stay encrypted on our servers; only you and the staff on this project can open them.' : undefined}>
      {canUpload ? <UploadPanel projectId={projectId} onUploaded={onChanged} /> : null}
      <FormAlert message={error ?? (files.status === 'error' ? files.error : null)} />
      <StatusMessage>{status}</StatusMessage>
      {files.status === 'loading' && !files.data ? <Loading label="Loading files…" /> : null}
      {files.data && list.length === 0 ? <p className="muted">No models yet.</p> : null}
      <div className="file-list">
        {list.map((file) => (
          <FileCard key={file.id} file={file} userId={userId} canDelete={canUpload} deleting={busyId === file.id} onDelete={() => void remove(file)} />
        ))}
      </div>
    </Section>
  );
}
