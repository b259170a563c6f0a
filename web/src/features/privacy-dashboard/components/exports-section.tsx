import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ExportDownloadButton } from '../../../components/export-download-button.js';
import { Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { formatDateTime, formatFileSize } from '../../../lib/format.js';
import { EXPORT_STATUS_WORDS } from '../../../lib/data-exports.js';
import { loadError } from '../../../lib/query.js';
import { exportsQuery, useRequestExport } from '../api/privacy-api.js';

/** Export of everything held: ask, watch it get ready, download through a short-lived signed link. */
export function ExportsSection() {
  const exports = useQuery(exportsQuery());
  const requestExport = useRequestExport();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function run(key: string, action: () => Promise<void>) {
    setBusy(key);
    setError(null);
    setStatus(null);
    try {
      await action();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="Get a copy of your data" description="A ZIP file with everything we hold about you, in readable files. Preparing it can take a few minutes.">
      <FormAlert message={error ?? loadError(exports)} />
      <StatusMessage>{status}</StatusMessage>
      <div className="form-actions">
        <Button
          busy={busy === 'new'}
          busyLabel="Requesting…"
          onClick={() =>
            void run('new', async () => {
              await requestExport.mutateAsync(undefined);
              setStatus('Your export is being prepared. It appears below when it is ready.');
            })
          }
        >
          Request an export
        </Button>
      </div>
      {exports.data && exports.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Your exports</caption>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exports.data.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>{EXPORT_STATUS_WORDS[e.status]}</td>
                  <td>{e.sizeBytes === null ? '—' : formatFileSize(e.sizeBytes)}</td>
                  <td>
                    {e.status === 'ready' ? (
                      <ExportDownloadButton exportId={e.id} label={`Download the export requested ${formatDateTime(e.createdAt)}`} onError={setError} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
