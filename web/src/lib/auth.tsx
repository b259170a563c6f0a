/** Who is signed in, loaded once from GET /api/me and refreshed after sign-in or profile changes. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isApiError, UNAUTHENTICATED_EVENT } from './api-client.js';

export type Role = 'customer' | 'staff' | 'privacy_officer' | 'admin';

export type Me = {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  role: Role;
  status: 'active' | 'suspended';
  createdAt: string;
  organisation: { id: string; name: string; role: string; notice: string } | null;
  /** Signed in with a one-time password: the server refuses everything but replacing it (and signing out). */
  passwordChangeRequired: boolean;
};

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
      const user = await api.get<Me>('/api/me');
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
      await api.post('/api/auth/sign-out');
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
};
