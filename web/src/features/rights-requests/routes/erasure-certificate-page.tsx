import { useEffect } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { useSearchParam } from '../../../lib/router.js';
import { useResource } from '../../../lib/use-resource.js';
import { readErasure } from '../api/rights-requests-api.js';

const POLL_MS = 2000;

/** The certificate opens by its signed link, without sign-in: the account it describes is gone. */
export function ErasureCertificatePage({ id }: { id: string }) {
  const token = useSearchParam('token') ?? '';
  const erasure = useResource((signal) => readErasure(id, token, signal), [id, token]);
  const done = erasure.data?.certificateText && erasure.data.status === 'completed';
  const { reload } = erasure;

  // Erasure runs in the background; look again until the certificate is final.
  useEffect(() => {
    if (done || erasure.status === 'error') return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [done, erasure.status, erasure.data, reload]);

  return (
    <Page title="Erasure certificate" intro="Keep the address of this page: it is the only way to open the certificate again.">
      <FormAlert message={erasure.status === 'error' ? erasure.error : null} />
      <Section title={done ? 'Your account has been deleted' : 'Deleting your account…'}>
        <p>
          Link to this certificate: <a href={window.location.href}>{window.location.href}</a>
        </p>
        {erasure.data ? (
          <p className="muted small">
            Asked for {formatDateTime(erasure.data.createdAt)}
            {erasure.data.completedAt ? ` · finished ${formatDateTime(erasure.data.completedAt)}` : ` · ${erasure.data.progress.tablesDone} steps done so far`}
          </p>
        ) : erasure.status === 'loading' ? (
          <Loading />
        ) : null}
        {erasure.data?.certificateText ? <pre className="pre-line" aria-label="Certificate">{erasure.data.certificateText}</pre> : null}
      </Section>
    </Page>
  );
}
