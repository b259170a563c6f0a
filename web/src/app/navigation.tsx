import { useEffect, useId, useState } from 'react';
import { Button } from '../components/button.js';
import { ROLE_LABELS, useAuth } from '../lib/auth.js';
import { useFeatures } from '../lib/features.js';
import { Link, matchPath, useLocation, useNavigate } from '../lib/router.js';
import { mayOpen, routes, type AppRoute } from './routes.js';

/** The top bar: only the pages the signed-in person's role may use, and a menu button on phones. */
export function Navigation() {
  const { state, signOut } = useAuth();
  const user = state.status === 'signed-in' ? state.user : null;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const menuId = useId();

  // A phone menu left open would cover the page just navigated to.
  useEffect(() => setOpen(false), [pathname]);

  const features = useFeatures();
  const visible = user?.passwordChangeRequired || user?.policyAcceptanceRequired
    ? []
    : routes.filter((r): r is AppRoute & { nav: NonNullable<AppRoute['nav']> } => !!r.nav && (!r.feature || features.isOn(r.feature)) && mayOpen(r.access, user) && (!user || !r.nav.when || r.nav.when(user)));
  const main = visible.filter((r) => r.nav.group === 'main');
  const admin = visible.filter((r) => r.nav.group === 'admin');

  const item = (route: AppRoute & { nav: NonNullable<AppRoute['nav']> }) => {
    const current = matchPath(route.path, pathname) !== null;
    return (
      <li key={route.path}>
        <Link to={route.path} className="nav-link" aria-current={current ? 'page' : undefined}>
          {route.nav.label}
          {route.nav.badge?.()}
        </Link>
      </li>
    );
  };

  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Meshvault
        </Link>
        {state.status === 'loading' ? null : (
          <>
            <button type="button" className="menu-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
              {open ? 'Close menu' : 'Menu'}
            </button>
            <nav id={menuId} className={`nav${open ? ' nav-open' : ''}`} aria-label="Main">
              <ul className="nav-list">{main.map(item)}</ul>
              {admin.length > 0 ? (
                <ul className="nav-list nav-admin" aria-label="Administration">
                  <li className="nav-group-label" aria-hidden="true">
                    Admin
                  </li>
                  {admin.map(item)}
                </ul>
              ) : null}
              {user ? (
                <div className="nav-user">
                  <span className="nav-user-name">
                    {user.name || user.email}
                    <span className="visually-hidden">, </span>
                    <span className="nav-user-role">{ROLE_LABELS[user.role]}</span>
                  </span>
                  <Button
                    variant="secondary"
                    className="button-small"
                    onClick={() => {
                      void signOut().finally(() => navigate('/sign-in'));
                    }}
                  >
                    Sign out
                  </Button>
                </div>
              ) : null}
            </nav>
          </>
        )}
      </div>
    </header>
  );
}
