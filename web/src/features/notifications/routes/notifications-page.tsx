import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { Loading, Page } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { Link } from '../../../lib/router.js';
import { notificationsQuery, useMarkAllRead, useMarkRead, type AppNotification } from '../api/notifications-api.js';

export function NotificationsPage() {
  const list = useQuery(notificationsQuery());
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = list.data?.notifications ?? [];
  const unread = list.data?.unread ?? 0;

  async function run(id: string, action: () => Promise<string | null>) {
    setBusy(id);
    setError(null);
    setDone(null);
    try {
      setDone(await action());
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title="Notifications" intro={list.data ? (unread === 0 ? 'You have read everything.' : `${unread} unread.`) : undefined}>
      <FormAlert message={error ?? loadError(list)} />
      <StatusMessage>{done}</StatusMessage>
      {unread > 0 ? (
        <p className="page-actions">
          <Button
            variant="secondary"
            busy={busy === 'all'}
            busyLabel="Marking…"
            onClick={() =>
              void run('all', async () => {
                const { marked } = await markAllRead.mutateAsync(undefined);
                return marked === 1 ? '1 notification marked as read.' : `${marked} notifications marked as read.`;
              })
            }
          >
            Mark all as read
          </Button>
        </p>
      ) : null}
      <div className="card">
        {list.isPending ? <Loading label="Loading notifications…" /> : null}
        {list.data && items.length === 0 ? <p className="muted">Nothing yet. We tell you here, and by e-mail, when your projects move on.</p> : null}
        {items.length > 0 ? (
          <ul className="notification-list" aria-label="Notifications">
            {items.map((n) => (
              <NotificationItem
                key={n.id}
                notification={n}
                busy={busy === n.id}
                onOpen={() => void markRead.mutateAsync(n.id).catch(() => undefined)}
                onRead={() =>
                  void run(n.id, async () => {
                    await markRead.mutateAsync(n.id);
                    return null;
                  })
                }
              />
            ))}
          </ul>
        ) : null}
      </div>
    </Page>
  );
}

function NotificationItem({ notification: n, busy, onOpen, onRead }: { notification: AppNotification; busy: boolean; onOpen: () => void; onRead: () => void }) {
  const unread = n.readAt === null;
  return (
    <li className={`notification${unread ? ' notification-unread' : ''}`}>
      <div className="notification-main">
        <p className="notification-title">
          {unread ? (
            <span className="unread-dot" aria-hidden="true">
              ●{' '}
            </span>
          ) : null}
          {n.projectId ? (
            <Link to={`/projects/${n.projectId}`} onClick={unread ? onOpen : undefined}>
              {n.title}
            </Link>
          ) : (
            n.title
          )}
          {unread ? <span className="visually-hidden"> (unread)</span> : null}
        </p>
        <p className="notification-body">{n.body}</p>
        <p className="muted small">{formatDateTime(n.createdAt)}</p>
      </div>
      {unread ? (
        <Button variant="secondary" className="button-small" busy={busy} busyLabel="Marking…" onClick={onRead} aria-label={`Mark "${n.title}" as read`}>
          Mark as read
        </Button>
      ) : null}
    </li>
  );
}
