/** The unread count beside "Notifications" in the navigation; checked on each page change and every minute. */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from '../../../lib/router.js';
import { unreadCountQuery } from '../api/notifications-api.js';

export function UnreadBadge() {
  const { key } = useLocation();
  // The badge is a hint; the page itself reports errors.
  const { data: unread = 0, refetch } = useQuery(unreadCountQuery());

  useEffect(() => {
    if (key > 0) void refetch();
  }, [key, refetch]);

  if (unread === 0) return null;
  return (
    <span className="nav-count">
      {unread > 99 ? '99+' : unread}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
