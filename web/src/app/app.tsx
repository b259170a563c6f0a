import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { AuthProvider, useAuth } from '../lib/auth.js';
import { createQueryClient } from '../lib/query.js';
import { RouterProvider, useLocation } from '../lib/router.js';
import { ChooseNewPasswordPage } from '../features/account/routes/choose-new-password-page.js';
import { AcceptPolicyPage } from '../features/auth/routes/accept-policy-page.js';
import { PolicyUpdates } from '../features/policy-updates/components/policy-updates.js';
import { SiteFooter } from '../components/site-footer.js';
import { usePageAnalytics } from '../lib/analytics.js';
import { ConsentBanner } from '../features/consent/components/consent-banner.js';
import { Navigation } from './navigation.js';
import { RouteView } from './route-view.js';
import { opensBeforePolicyAccepted } from './routes.js';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider>
        <AuthProvider>
          <ForgetOtherAccounts />
          <Layout />
        </AuthProvider>
      </RouterProvider>
    </QueryClientProvider>
  );
}

/** What one account saw is never shown to the next: the cache is emptied whenever the signed-in person changes. */
function ForgetOtherAccounts() {
  const { state } = useAuth();
  const queryClient = useQueryClient();
  const userId = state.status === 'signed-in' ? state.user.id : null;
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current === userId) return;
    previous.current = userId;
    // Removing queries a page still shows would cut that page off from its query: those are reset instead.
    queryClient.removeQueries({ type: 'inactive' });
    void queryClient.resetQueries({ type: 'active' });
  }, [userId, queryClient]);
  return null;
}

function Layout() {
  const { pathname, key } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const { state } = useAuth();
  usePageAnalytics();

  // After an in-app navigation, start the reader at the new page's heading, as a page load would.
  useEffect(() => {
    if (key === 0) return;
    window.scrollTo(0, 0);
    const main = mainRef.current;
    if (!main) return;
    const heading = () => main.querySelector<HTMLElement>('[data-page-heading]');
    const found = heading();
    if (found) {
      found.focus({ preventScroll: true });
      return;
    }
    // A page whose code is still on its way (lazyPage) has no heading yet: the reader starts at main,
    // and moves to the heading when it appears, unless they have gone somewhere else meanwhile.
    main.focus({ preventScroll: true });
    const observer = new MutationObserver(() => {
      const appeared = heading();
      if (!appeared) return;
      observer.disconnect();
      if (document.activeElement === main) appeared.focus({ preventScroll: true });
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname, key]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Navigation />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {/* Until a one-time password is replaced, then until the privacy policy is accepted (an account made
            for its owner), the server refuses every other page's requests. */}
        {state.status === 'signed-in' && state.user.passwordChangeRequired ? (
          <ChooseNewPasswordPage />
        ) : state.status === 'signed-in' && state.user.policyAcceptanceRequired && !opensBeforePolicyAccepted(pathname) ? (
          <AcceptPolicyPage />
        ) : (
          <>
            <PolicyUpdates />
            <RouteView />
          </>
        )}
      </main>
      <SiteFooter />
      <ConsentBanner />
    </>
  );
}
