import { Suspense } from 'react';
import { Notice } from '../components/alerts.js';
import { Loading, Page } from '../components/page.js';
import { useAuth } from '../lib/auth.js';
import { useFeatures } from '../lib/features.js';
import { Link, matchPath, Redirect, safeReturnPath, useLocation } from '../lib/router.js';
import { PageLoadBoundary } from './page-load-boundary.js';
import { HOME_SIGNED_IN, mayOpen, routes } from './routes.js';

/** Picks the page for the address and applies its access rule. */
export function RouteView() {
  const { state } = useAuth();
  const { pathname, search } = useLocation();
  const features = useFeatures();

  if (state.status === 'loading') return <Loading label="Loading Meshvault…" />;
  if (state.status === 'error') {
    return (
      <Page title="Meshvault is unavailable" width="narrow">
        <Notice tone="error" title="We could not reach the server">
          <p>{state.message}</p>
          <p>Reload the page in a moment.</p>
        </Notice>
      </Page>
    );
  }
  const user = state.status === 'signed-in' ? state.user : null;

  if (pathname === '/') return <Redirect to={user ? HOME_SIGNED_IN : '/sign-in'} />;

  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.feature && !features.loaded) return <Loading label="Loading Meshvault…" />;
    if (route.feature && !features.isOn(route.feature)) {
      return (
        <Page title="Not available here" width="narrow">
          <Notice>
            <p>{features.reasonOff(route.feature)}</p>
            <p>
              <Link to="/">Go to the start page</Link>
            </p>
          </Notice>
        </Page>
      );
    }
    // A page not loaded yet says so while its code arrives, and says so if it cannot.
    if (mayOpen(route.access, user)) {
      return (
        <PageLoadBoundary key={pathname}>
          <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>
        </PageLoadBoundary>
      );
    }
    if (route.access === 'signed-out') return <Redirect to={safeReturnPath(new URLSearchParams(search).get('next'), HOME_SIGNED_IN)} />;
    if (!user) return <Redirect to={`/sign-in?next=${encodeURIComponent(pathname + search)}`} />;
    return (
      <Page title="Not allowed" width="narrow">
        <Notice tone="warning">
          <p>Your role does not give you access to this page.</p>
          <p>
            <Link to={HOME_SIGNED_IN}>Go to your account</Link>
          </p>
        </Notice>
      </Page>
    );
  }

  return (
    <Page title="Page not found" width="narrow">
      <Notice>
        <p>There is no page at this address. Check it for typing mistakes, or start again from the top of the site.</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </Notice>
    </Page>
  );
}
