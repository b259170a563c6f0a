import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { acknowledgePolicyNotice, historyLink, type PolicyNotice, type PolicyVersion } from '../api/policy-updates-api.js';

type Props = { notice: PolicyNotice; versions: readonly PolicyVersion[]; onAcknowledged: (version: number) => void };

/** The on-screen twin of the change e-mail: stays until the person says they have seen it. */
export function PolicyNoticeBanner({ notice, versions, onAcknowledged }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const published = versions.find((v) => v.version === notice.version);
  // A significant change may take effect some weeks after it is published.
  const effective = published?.effectiveAt ?? notice.sentAt;
  const future = new Date(effective).getTime() > Date.now();

  async function acknowledge() {
    setBusy(true);
    setError(null);
    try {
      await acknowledgePolicyNotice(notice.version);
      onAcknowledged(notice.version);
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  }

  return (
    <section className="notice notice-info policy-banner" aria-label="Privacy policy change">
      <div className="policy-banner-text">
        <p>
          <strong>
            Our privacy policy {future ? 'changes' : 'changed'} on {formatDate(effective)}
          </strong>{' '}
          — <a href={historyLink(notice.version, versions)}>what changed</a>
        </p>
        {published?.summary ? <p className="small">{published.summary}</p> : null}
        <FormAlert message={error} />
      </div>
      <Button variant="secondary" busy={busy} busyLabel="Saving…" onClick={() => void acknowledge()} aria-label={`Got it: privacy policy version ${notice.version}`}>
        Got it
      </Button>
    </section>
  );
}
