import { useQuery } from '@tanstack/react-query';
import { Loading, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { certificatesQuery, certificateUrl } from '../api/retention-api.js';

/** Past runs' disposal certificates, each signed into the audit chain. */
export function CertificatesSection() {
  const certificates = useQuery(certificatesQuery());
  const error = loadError(certificates);
  return (
    <Section title="Disposal certificates" description="One per completed run; its SHA-256 is written into the audit chain.">
      {error ? <p role="alert">{error}</p> : null}
      {certificates.data ? (
        certificates.data.length === 0 ? (
          <p className="muted">No retention run has completed yet.</p>
        ) : (
          <ul className="plain-list" aria-label="Disposal certificates">
            {certificates.data.map((c) => (
              <li key={c.runId}>
                {formatDateTime(c.completedAt)}: {c.rows} rows, {c.files} files ·{' '}
                <a href={certificateUrl(c.runId)} download>
                  Download
                </a>{' '}
                <span className="muted">sha256 {c.sha256.slice(0, 16)}…</span>
              </li>
            ))}
          </ul>
        )
      ) : error ? null : (
        <Loading />
      )}
    </Section>
  );
}
