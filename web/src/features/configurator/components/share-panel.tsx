/** Read-only links to a configuration: made on demand, shown once, revoked at any time. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { sharesQuery, useCreateShare, useRevokeShare, type Share } from '../api/configurator-api.js';

/** Each open of a link is recorded (nothing about who opened it): the owner sees how often, and when last. */
function openedText(share: Share): string {
  if (share.opens === 0 || !share.lastOpenedAt) return 'not opened yet';
  return `opened ${share.opens === 1 ? 'once' : `${share.opens} times`}, last ${formatDateTime(share.lastOpenedAt)}`;
}

export function SharePanel({ configurationId }: { configurationId: string }) {
  const shares = useQuery(sharesQuery(configurationId));
  const create = useCreateShare(configurationId);
  const revoke = useRevokeShare(configurationId);
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const live = shares.data?.shares.filter((s) => !s.revokedAt) ?? [];
  return (
    <Section title="Share" description="Anyone with a link sees this configuration, read-only, without your name, until you revoke the link. Each time a link is opened is recorded here, without anything about who opened it.">
      <FormAlert message={error} />
      {status ? <StatusMessage>{status}</StatusMessage> : null}
      <Button
        variant="secondary"
        busy={create.isPending}
        busyLabel="Making a link…"
        onClick={() => {
          setError(null);
          create.mutateAsync(undefined).then((s) => setMade(s.url), (e: unknown) => setError(messageOf(e)));
        }}
      >
        Make a share link
      </Button>
      {made ? (
        <p>
          <label className="field-label" htmlFor="share-link">
            Your new link (copy it now: it is shown only once)
          </label>
          <input id="share-link" className="input" readOnly value={made} onFocus={(e) => e.target.select()} />
        </p>
      ) : null}
      {live.length > 0 ? (
        <ul aria-label="Share links" className="stack">
          {live.map((s) => (
            <li key={s.id}>
              Link made {formatDateTime(s.createdAt)}, {openedText(s)}{' '}
              <Button
                variant="danger"
                className="button-small"
                onClick={() => {
                  revoke.mutateAsync(s.id).then(
                    () => {
                      setMade(null);
                      setStatus('Link revoked: it no longer opens.');
                    },
                    (e: unknown) => setError(messageOf(e)),
                  );
                }}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
