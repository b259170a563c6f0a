/** The file picker and a progress bar per upload, moved by the bytes the server has acknowledged. */
import { useId, useRef } from 'react';
import { Button } from '../../../components/button.js';
import { formatBytes } from '../utils/format.js';
import { ACCEPT, useUploads, type UploadItem } from './use-uploads.js';

export function UploadPanel({ projectId, onUploaded }: { projectId: string; onUploaded: (fileId: string) => void }) {
  const uploads = useUploads(projectId, onUploaded);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const active = uploads.items.filter((i) => i.state === 'uploading' || i.state === 'retrying' || i.state === 'queued');
  const latest = uploads.items.at(-1);

  return (
    <div className="upload-panel">
      <div className="field">
        <label htmlFor={id} className="field-label">
          Add 3D models
        </label>
        <p id={`${id}-hint`} className="field-hint">
          STL, OBJ, PLY, 3MF, glTF or GLB. Files are encrypted as they arrive; a broken connection resumes where it stopped.
        </p>
        <input
          ref={inputRef}
          id={id}
          name="models"
          type="file"
          className="input file-input"
          accept={ACCEPT}
          multiple
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            if (files.length > 0) uploads.add(files);
            // Choosing the same file again should start another upload.
            if (inputRef.current) inputRef.current.value = '';
          }}
        />
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {latest ? announcement(latest, active.length) : ''}
      </div>
      {uploads.items.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads">
          {uploads.items.map((item) => (
            <UploadRow key={item.key} item={item} onCancel={() => uploads.cancel(item.key)} onDismiss={() => uploads.dismiss(item.key)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UploadRow({ item, onCancel, onDismiss }: { item: UploadItem; onCancel: () => void; onDismiss: () => void }) {
  const percent = item.size > 0 ? Math.floor((item.acknowledged / item.size) * 100) : 0;
  const running = item.state === 'uploading' || item.state === 'retrying' || item.state === 'queued';
  return (
    <li className={`upload-item upload-${item.state}`}>
      <div className="upload-head">
        <span className="upload-name">{item.name}</span>
        <span className="muted small">{stateText(item, percent)}</span>
      </div>
      {item.state !== 'failed' || item.acknowledged > 0 ? (
        <progress
          className="upload-progress"
          max={Math.max(item.size, 1)}
          value={item.acknowledged}
          aria-label={`Upload of ${item.name}`}
          aria-valuetext={`${percent}% (${formatBytes(item.acknowledged)} of ${formatBytes(item.size)})`}
        />
      ) : null}
      {item.error ? (
        <p className="field-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {item.error}
        </p>
      ) : null}
      <div className="upload-actions">
        {running ? (
          <Button variant="secondary" className="button-small" onClick={onCancel} aria-label={`Cancel the upload of ${item.name}`}>
            Cancel
          </Button>
        ) : (
          <Button variant="link" className="button-small" onClick={onDismiss} aria-label={`Remove ${item.name} from this list`}>
            Remove from list
          </Button>
        )}
      </div>
    </li>
  );
}

function stateText(item: UploadItem, percent: number): string {
  switch (item.state) {
    case 'queued':
      return 'Waiting…';
    case 'uploading':
      return `${formatBytes(item.acknowledged)} of ${formatBytes(item.size)} · ${percent}%`;
    case 'retrying':
      return `Connection lost at ${percent}%, resuming (try ${item.attempt})…`;
    case 'done':
      return `Uploaded · ${formatBytes(item.size)} · 100%`;
    case 'failed':
      return 'Not uploaded';
    case 'cancelled':
      return 'Cancelled';
  }
}

function announcement(item: UploadItem, active: number): string {
  switch (item.state) {
    case 'queued':
    case 'uploading':
      return `Uploading ${item.name}.`;
    case 'retrying':
      return `Connection lost; resuming the upload of ${item.name}.`;
    case 'done':
      return active > 0 ? `${item.name} uploaded.` : `${item.name} uploaded. We are checking the model now.`;
    case 'failed':
      return `${item.name} was not uploaded.`;
    case 'cancelled':
      return `Upload of ${item.name} cancelled.`;
  }
}
