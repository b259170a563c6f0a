import { useEffect, useId, useState } from 'react';
import { Button } from '../components/button.js';
import { ROLE_LABELS, useAuth } from '../lib/auth.js';
import { useFeatures } from '../lib/features.js';
import { useMediaQuery } from '../lib/media-query.js';
import { Link, matchPath, useLocation, useNavigate } from '../lib/router.js';
import { NavMoreMenu } from './nav-more-menu.js';
import { mayOpen, routes, type AppRoute } from './routes.js';

type NavRoute = AppRoute & { nav: NonNullable<AppRoute['nav']> };
/** More links than this and the less-used ones go under "More". */
const CROWDED = 8;
/**
 * Below these widths the bar collapses behind its menu button: any bar on a phone, and a crowded one
 * (even with its "More" menu) where its links and the person's name no longer fit one row.
 */
const COLLAPSED_BELOW = { any: '(max-width: 720px)', crowded: '(max-width: 1100px)' };

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
    : routes.filter((r): r is NavRoute => !!r.nav && (!r.feature || features.isOn(r.feature)) && mayOpen(r.access, user) && (!user || !r.nav.when || r.nav.when(user)));
  // A crowded bar (an administrator's, a customer's with every feature) keeps one row at 1280 px: its
  // less-used links go under "More". A short one (a visitor's) shows every link.
  const crowded = visible.length > CROWDED;
  const collapsed = useMediaQuery(crowded ? COLLAPSED_BELOW.crowded : COLLAPSED_BELOW.any);
  const inBar = (r: NavRoute) => !crowded || !(typeof r.nav.more === 'function' ? user !== null && r.nav.more(user) : r.nav.more);
  const main = visible.filter((r) => r.nav.group === 'main');
  const admin = visible.filter((r) => r.nav.group === 'admin');
  const moreGroups = [
    { label: null, routes: main.filter((r) => !inBar(r)) },
    { label: 'Admin', routes: admin.filter((r) => !inBar(r)) },
  ].filter((g) => g.routes.length > 0);

  const item = (route: NavRoute) => {
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
    <header className={`topbar${collapsed ? ' topbar-collapsed' : ''}`}>
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
              <ul className="nav-list">{main.filter(inBar).map(item)}</ul>
              {admin.some(inBar) ? (
                <ul className="nav-list nav-admin" aria-label="Administration">
                  <li className="nav-group-label" aria-hidden="true">
                    Admin
                  </li>
                  {admin.filter(inBar).map(item)}
                </ul>
              ) : null}
              {moreGroups.length > 0 ? <NavMoreMenu groups={moreGroups.map((g) => ({ label: g.label, paths: g.routes.map((r) => r.path), items: g.routes.map(item) }))} /> : null}
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
