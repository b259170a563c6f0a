import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { useSearchParam } from '../../../lib/router.js';
import { erasureQuery, isErasureFinal } from '../api/rights-requests-api.js';

/** The certificate opens by its signed link, without sign-in: the account it describes is gone. */
export function ErasureCertificatePage({ id }: { id: string }) {
  const token = useSearchParam('token') ?? '';
  const erasure = useQuery(erasureQuery(id, token));
  const done = erasure.data ? isErasureFinal(erasure.data) : false;

  return (
    <Page title="Erasure certificate" intro="Keep the address of this page: it is the only way to open the certificate again.">
      <FormAlert message={loadError(erasure)} />
      <Section title={done ? 'Your account has been deleted' : 'Deleting your account…'}>
        <p>
          Link to this certificate: <a href={window.location.href}>{window.location.href}</a>
        </p>
        {erasure.data ? (
          <p className="muted small">
            Asked for {formatDateTime(erasure.data.createdAt)}
            {erasure.data.completedAt ? ` · finished ${formatDateTime(erasure.data.completedAt)}` : ` · ${erasure.data.progress.tablesDone} steps done so far`}
          </p>
        ) : erasure.isPending ? (
          <Loading />
        ) : null}
        {erasure.data?.certificateText ? <pre className="pre-line" aria-label="Certificate">{erasure.data.certificateText}</pre> : null}
      </Section>
    </Page>
  );
}
