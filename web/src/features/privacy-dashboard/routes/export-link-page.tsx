import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Notice, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { downloadExportWithToken } from '../../../lib/data-exports.js';
import { formatDateTime, formatFileSize } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { Link, useSearchParam } from '../../../lib/router.js';
import { exportLinkQuery } from '../api/privacy-api.js';

/**
 * The page the "your export is ready" e-mail links to (signing in comes first, by the route's access
 * rule): the export, until when the link works, and a Download that spends the mailed single-use link.
 */
export function ExportLinkPage({ id }: { id: string }) {
  const token = useSearchParam('token') ?? '';
  const link = useQuery({ ...exportLinkQuery(id, token), enabled: token !== '' });
  const [started, setStarted] = useState(false);
  const problem = token === '' ? 'This link is incomplete.' : loadError(link);

  return (
    <Page title="Your data export" width="narrow">
      {problem ? (
        <Notice tone="warning" title="This link cannot be used">
          <p>{problem}</p>
          <p>
            <Link to="/account/privacy">Request a fresh export from your privacy page</Link>
          </p>
        </Notice>
      ) : link.data ? (
        <Section title="Ready to download" description="A ZIP file with everything we hold, in readable files.">
          <dl className="facts">
            <div>
              <dt>Requested</dt>
              <dd>{formatDateTime(link.data.createdAt)}</dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{link.data.sizeBytes === null ? '—' : formatFileSize(link.data.sizeBytes)}</dd>
            </div>
            <div>
              <dt>Link works until</dt>
              <dd>{formatDateTime(link.data.linkExpiresAt)}</dd>
            </div>
          </dl>
          {started ? null : (
            <div className="form-actions">
              <Button
                onClick={() => {
                  setStarted(true);
                  downloadExportWithToken(id, token);
                }}
              >
                Download
              </Button>
            </div>
          )}
          <StatusMessage>{started ? 'Your download has started. The link works once: for another copy, use your privacy page.' : null}</StatusMessage>
          {started ? (
            <p>
              <Link to="/account/privacy">Go to your privacy page</Link>
            </p>
          ) : null}
        </Section>
      ) : (
        <Loading label="Checking the link…" />
      )}
    </Page>
  );
}
