/** The unread count beside "Notifications" in the navigation; checked on each page change and every minute. */
import { useEffect, useState } from 'react';
import { useLocation } from '../../../lib/router.js';
import { listNotifications, NOTIFICATIONS_CHANGED_EVENT } from '../api/notifications-api.js';

const POLL_MS = 60_000;

export function UnreadBadge() {
  const { key } = useLocation();
  const [unread, setUnread] = useState(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const again = () => setTick((t) => t + 1);
    const timer = setInterval(again, POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED_EVENT, again);
    return () => {
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, again);
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    listNotifications({ unreadOnly: true, limit: 1 }, controller.signal).then(
      (r) => setUnread(r.unread),
      () => undefined, // The badge is a hint; the page itself reports errors.
    );
    return () => controller.abort();
  }, [key, tick]);

  if (unread === 0) return null;
  return (
    <span className="nav-count">
      {unread > 99 ? '99+' : unread}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
