import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { sessionsQuery, useRevokeOtherSessions, useRevokeSession, type Session } from '../api/account-api.js';

/** `usesPassword`: where people sign in by e-mailed link there is no password to change after signing out a stranger. */
export function SessionsList({ usesPassword }: { usesPassword: boolean }) {
  const sessions = useQuery(sessionsQuery());
  const revokeSession = useRevokeSession();
  const revokeOtherSessions = useRevokeOtherSessions();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function run(id: string, action: () => Promise<string>) {
    setBusyId(id);
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  // This device first: it is the one a person recognises, and the one they cannot sign out here.
  const list = [...(sessions.data ?? [])].sort((x, y) => Number(y.current) - Number(x.current));
  const others = list.filter((s) => !s.current);
  return (
    <Section
      title="Where you are signed in"
      description={usesPassword ? 'Sign out of any device you do not recognise, then change your password.' : 'Sign out of any device you do not recognise.'}
    >
      <FormAlert message={error ?? loadError(sessions)} />
      <StatusMessage>{status}</StatusMessage>
      {sessions.isPending ? <Loading label="Loading your sessions…" /> : null}
      <ul className="session-list" aria-label="Signed-in devices">
        {list.map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            busy={busyId === session.id}
            onRevoke={() =>
              void run(session.id, async () => {
                await revokeSession.mutateAsync(session.id);
                return `Signed out of ${session.deviceLabel ?? 'that device'}.`;
              })
            }
          />
        ))}
      </ul>
      {others.length > 0 ? (
        <div className="form-actions">
          <Button
            variant="secondary"
            busy={busyId === 'others'}
            busyLabel="Signing out…"
            onClick={() =>
              void run('others', async () => {
                const { revoked } = await revokeOtherSessions.mutateAsync(undefined);
                return revoked === 1 ? 'Signed out of 1 other session.' : `Signed out of ${revoked} other sessions.`;
              })
            }
          >
            Sign out all other sessions
          </Button>
        </div>
      ) : sessions.isSuccess ? (
        <p className="muted">This is the only device signed in to your account.</p>
      ) : null}
    </Section>
  );
}

function SessionItem({ session, busy, onRevoke }: { session: Session; busy: boolean; onRevoke: () => void }) {
  const name = session.deviceLabel ?? 'Unknown device';
  return (
    <li className="session-item">
      <div>
        <p className="session-device">
          {name}
          {session.current ? <span className="badge badge-accent">This device</span> : null}
        </p>
        <p className="muted small">
          Signed in {formatDateTime(session.createdAt)} · last active {formatDateTime(session.lastSeenAt)}
        </p>
      </div>
      {session.current ? null : (
        <Button variant="secondary" busy={busy} busyLabel="Signing out…" onClick={onRevoke} aria-label={`Sign out ${name}, signed in ${formatDateTime(session.createdAt)}`}>
          Sign out
        </Button>
      )}
    </li>
  );
}
