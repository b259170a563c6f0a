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

/** The policy in force as the sign-up page shows it and sends it back: which version, its hash, how it is accepted. */
export type PolicyToAccept = { version: number; hash: string; acceptance: 'explicit' | 'by_use' };

/**
 * What sign-up reads from the published manifest: the minimum age and the policy to accept, each
 * null while the server does not publish it (the SPA fallback answers HTML) or it is not understood.
 */
export async function fetchSignUpPolicy(signal?: AbortSignal): Promise<{ minimumAge: number | null; policy: PolicyToAccept | null }> {
  let body: unknown;
  try {
    body = await loadPublishedPolicy(signal);
  } catch {
    return { minimumAge: null, policy: null };
  }
  return { minimumAge: minimumAgeIn(body), policy: policyIn(body) };
}

function policyIn(body: unknown): PolicyToAccept | null {
  if (!body || typeof body !== 'object') return null;
  const { version, document_hash: hash, acceptance } = body as Record<string, unknown>;
  if (typeof version !== 'number' || typeof hash !== 'string') return null;
  return { version, hash, acceptance: acceptance === 'by_use' ? 'by_use' : 'explicit' };
}

function minimumAgeIn(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  const value = record.minimum_age ?? record.minimumAge ?? (record.manifest && typeof record.manifest === 'object' ? (record.manifest as Record<string, unknown>).minimum_age : undefined);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 150 ? value : null;
}

/** The signed-in person accepts the policy in force (an account made for them, asked at first sign-in). */
export const acceptPolicy = (policy: PolicyToAccept, accepted: boolean) =>
  body(apiClient.POST('/api/me/policy-acceptance', { body: { version: policy.version, hash: policy.hash, ...(policy.acceptance === 'explicit' ? { accepted } : {}) } }));
