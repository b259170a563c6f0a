import { useState } from 'react';
import { downloadExport } from '../lib/data-exports.js';
import { messageOf } from '../lib/form.js';
import { Button } from './button.js';

/** "Download" for a ready data export: fetches a fresh single-use link and follows it; a failure goes to `onError`. */
export function ExportDownloadButton({ exportId, label, onError }: { exportId: string; label: string; onError: (message: string | null) => void }) {
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    onError(null);
    try {
      await downloadExport(exportId);
    } catch (caught) {
      onError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant="secondary" className="button-small" busy={busy} busyLabel="Preparing link…" aria-label={label} onClick={() => void download()}>
      Download
    </Button>
  );
}
