import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ExportDownloadButton } from '../../../components/export-download-button.js';
import { DataTable, type DataColumn } from '../../../components/data-table.js';
import { Section } from '../../../components/page.js';
import { messageOf } from '../../../lib/form.js';
import { formatDateTime, formatFileSize } from '../../../lib/format.js';
import { EXPORT_STATUS_WORDS } from '../../../lib/data-exports.js';
import { exportsQuery, useRequestExport, type DataExport } from '../api/privacy-api.js';

/** The exports' columns; a download's failure is shown with `onError`. */
const columns = (onError: (message: string | null) => void): Array<DataColumn<DataExport>> => [
  { header: 'Requested', cell: (e) => formatDateTime(e.createdAt) },
  { header: 'Status', cell: (e) => EXPORT_STATUS_WORDS[e.status] },
  { header: 'Size', cell: (e) => (e.sizeBytes === null ? '—' : formatFileSize(e.sizeBytes)) },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (e) => (e.status === 'ready' ? <ExportDownloadButton exportId={e.id} label={`Download the export requested ${formatDateTime(e.createdAt)}`} onError={onError} /> : null),
  },
];

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
      <FormAlert message={error} />
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
      <DataTable query={exports} columns={columns(setError)} rowKey={(e) => e.id} loadingLabel="Loading your exports…" caption="Your exports" framed={false} />
    </Section>
  );
}
