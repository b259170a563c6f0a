/** The project's models: upload, then each file with its analysis; followed while any is being checked. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Loading, Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { filesChanged, filesQuery, isBeingAnalysed, useDeleteFile, type ProjectFile } from '../api/files-api.js';
import { projectKeys } from '../api/project-keys.js';
import { UploadPanel } from '../uploads/upload-panel.js';
import { FileCard } from './file-card.js';

export function FilesPanel({ projectId, userId, canUpload }: { projectId: string; userId: string; canUpload: boolean }) {
  const files = useQuery(filesQuery(projectId));
  const deleteFile = useDeleteFile(projectId);
  const queryClient = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = files.data ?? [];
  const analysing = list.some(isBeingAnalysed);

  // A finished analysis may make the project quotable: the quote panel asks the server again.
  const wasAnalysing = useRef(analysing);
  useEffect(() => {
    if (wasAnalysing.current && !analysing) void queryClient.invalidateQueries({ queryKey: projectKeys.quotes(projectId) });
    wasAnalysing.current = analysing;
  }, [analysing, projectId, queryClient]);

  async function remove(file: ProjectFile) {
    setBusyId(file.id);
    setError(null);
    setStatus(null);
    try {
      await deleteFile.mutateAsync({ id: file.id });
      setStatus(`${file.name} has been deleted.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  /** Somebody else's file: the reason form shows what goes wrong itself. */
  async function removeWithReason(file: ProjectFile, reason: string) {
    setError(null);
    setStatus(null);
    await deleteFile.mutateAsync({ id: file.id, reason });
    setStatus(`${file.name} has been deleted.`);
  }

  const uploaded = () => Promise.all(filesChanged(projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey })));

  return (
    <Section title="3D models" description={canUpload ? 'Your files stay encrypted on our servers; only you and the staff on this project can open them.' : undefined}>
      {canUpload ? <UploadPanel projectId={projectId} onUploaded={() => void uploaded()} /> : null}
      <FormAlert message={error ?? loadError(files)} />
      <StatusMessage>{status}</StatusMessage>
      {files.isPending ? <Loading label="Loading files…" /> : null}
      {files.data && list.length === 0 ? <p className="muted">No models yet.</p> : null}
      <div className="file-list">
        {list.map((file) => (
          <FileCard key={file.id} file={file} userId={userId} deleting={busyId === file.id} onDelete={() => void remove(file)} onDeleteWithReason={(reason) => removeWithReason(file, reason)} />
        ))}
      </div>
    </Section>
  );
}
