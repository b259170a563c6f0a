import { api } from '../../../lib/api-client.js';

export type PromptPurpose = { id: string; name: string; description: string | null; categories: string[] };
export type ConsentPrompt = { id: string; version: number; purposes: PromptPurpose[]; createdAt: string };
export type ConsentAnswer = 'accept' | 'decline';
export type PolicyNotice = { version: number; sentAt: string; acknowledgedAt: string | null };
export type PolicyVersion = { version: number; publishedAt: string; effectiveAt: string; changeLevel: 'initial' | 'significant' | 'minor'; summary: string };

export const listConsentPrompts = (signal?: AbortSignal) => api.get<{ prompts: ConsentPrompt[] }>('/api/me/consent-prompts', undefined, signal);
export const answerConsentPrompt = (id: string, answer: ConsentAnswer) => api.post<{ id: string; answer: ConsentAnswer }>(`/api/me/consent-prompts/${encodeURIComponent(id)}`, { answer });
export const listPolicyNotices = (signal?: AbortSignal) => api.get<{ notices: PolicyNotice[] }>('/api/me/policy-notices', undefined, signal);
export const acknowledgePolicyNotice = (version: number) => api.post<{ version: number; acknowledgedAt: string }>(`/api/me/policy-notices/${version}/acknowledge`);
export const listPolicyVersions = (signal?: AbortSignal) => api.get<{ versions: PolicyVersion[] }>('/api/privacy/versions', undefined, signal);

/** The public page comparing a version with the one before it (or the whole history for the first). */
export function historyLink(version: number, versions: readonly PolicyVersion[] = []): string {
  const previous = versions.map((v) => v.version).filter((v) => v < version);
  const from = previous.length > 0 ? Math.max(...previous) : version - 1;
  return from >= 1 ? `/privacy/history?from=${from}&to=${version}` : '/privacy/history';
}
