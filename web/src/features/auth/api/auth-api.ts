import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf } from '../../../lib/api/types.js';
import { loadPublishedPolicy } from '../../../lib/published-policy.js';

export type SignUpInput = RequestOf<'/api/auth/sign-up', 'post'>;

export const signUp = (input: SignUpInput) => body(apiClient.POST('/api/auth/sign-up', { body: input }));
export const signIn = (input: { email: string; password: string }) => body(apiClient.POST('/api/auth/sign-in', { body: input }));
export const requestSignInLink = (email: string) => body(apiClient.POST('/api/auth/sign-in-link/request', { body: { email } }));
export const signInWithLink = (token: string) => body(apiClient.POST('/api/auth/sign-in-link/confirm', { body: { token } }));
export const verifyEmail = (token: string) => body(apiClient.POST('/api/auth/verify-email', { body: { token } }));
export const requestPasswordReset = (email: string) => body(apiClient.POST('/api/auth/password-reset/request', { body: { email } }));
export const confirmPasswordReset = (token: string, password: string) => body(apiClient.POST('/api/auth/password-reset/confirm', { body: { token, password } }));
export const confirmEmailChange = (token: string) => body(apiClient.POST('/api/auth/email-change/confirm', { body: { token } }));

/**
 * The minimum age from the published privacy manifest, or null while the server does not publish
 * it (the SPA fallback then answers with HTML, which is not JSON and so gives null too).
 */
export async function fetchMinimumAge(signal?: AbortSignal): Promise<number | null> {
  try {
    return minimumAgeIn(await loadPublishedPolicy(signal));
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
