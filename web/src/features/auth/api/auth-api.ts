import { api } from '../../../lib/api-client.js';
import type { Me } from '../../../lib/auth.js';

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  phone?: string;
  company?: string;
  jobTitle?: string;
  ageConfirmed: true;
};

export const signUp = (input: SignUpInput) => api.post<{ id: string; linkValidFor: string }>('/api/auth/sign-up', input);
export const signIn = (input: { email: string; password: string }) => api.post<{ user: Omit<Me, 'organisation'> }>('/api/auth/sign-in', input);
export const verifyEmail = (token: string) => api.post<{ ok: true }>('/api/auth/verify-email', { token });
export const requestPasswordReset = (email: string) => api.post<{ ok: true; linkValidFor: string }>('/api/auth/password-reset/request', { email });
export const confirmPasswordReset = (token: string, password: string) => api.post<{ ok: true }>('/api/auth/password-reset/confirm', { token, password });
export const confirmEmailChange = (token: string) => api.post<{ ok: true }>('/api/auth/email-change/confirm', { token });

/**
 * The minimum age from the published privacy manifest, or null while the server does not publish
 * it (the SPA fallback then answers with HTML, which is not JSON and so gives null too).
 */
export async function fetchMinimumAge(signal?: AbortSignal): Promise<number | null> {
  try {
    return minimumAgeIn(await api.get<unknown>('/privacy.json', undefined, signal));
  } catch {
    return null;
  }
}

function minimumAgeIn(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  const value = record.minimum_age ?? record.minimumAge ?? (record.manifest && typeof record.manifest === 'object' ? (record.manifest as Record<string, unknown>).minimum_age : undefined);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 150 ? value : null;
}
