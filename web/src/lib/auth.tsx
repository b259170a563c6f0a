/** Who is signed in, loaded once from GET /api/me and refreshed after sign-in or profile changes. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError } from './api/api-error.js';
import { apiClient, body } from './api/client.js';
import { UNAUTHENTICATED_EVENT } from './api/session-guards.js';
import type { ResponseOf } from './api/types.js';

/** The signed-in person; `passwordChangeRequired`: a one-time password, so the server refuses all but replacing it. */
export type Me = ResponseOf<'/api/me'>;
export type Role = Me['role'];

export type AuthState =
  | { status: 'loading'; user: null }
  | { status: 'signed-out'; user: null }
  | { status: 'signed-in'; user: Me }
  | { status: 'error'; user: null; message: string };

type AuthValue = {
  state: AuthState;
  /** Reloads the user (after sign-in or a profile change); resolves to the user or null. */
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading', user: null });

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const user = await body(apiClient.GET('/api/me'));
      setState({ status: 'signed-in', user });
      return user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        setState({ status: 'signed-out', user: null });
        return null;
      }
      setState({ status: 'error', user: null, message: isApiError(error) ? error.detail : 'Could not load your account.' });
      return null;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiClient.POST('/api/auth/sign-out');
    } catch {
      // Already signed out elsewhere, or offline: either way this tab forgets the session.
    }
    setState({ status: 'signed-out', user: null });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any API call answered 401 means the session ended elsewhere (revoked, expired): forget the user.
  useEffect(() => {
    const onUnauthenticated = () => setState((previous) => (previous.status === 'signed-in' ? { status: 'signed-out', user: null } : previous));
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, []);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}

/** For pages behind the signed-in guard, where the user is known to be present. */
export function useCurrentUser(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useCurrentUser used on a page that does not require sign-in');
  return state.user;
}

export const ROLE_LABELS: Record<Role, string> = {
  customer: 'Customer',
  staff: 'Staff',
  privacy_officer: 'Privacy officer',
  admin: 'Administrator',
  marketing: 'Marketing',
};
