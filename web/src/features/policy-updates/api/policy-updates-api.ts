import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';

export type ConsentPrompt = ResponseOf<'/api/me/consent-prompts'>['prompts'][number];
export type PromptPurpose = ConsentPrompt['purposes'][number];
export type ConsentAnswer = RequestOf<'/api/me/consent-prompts/{id}', 'post'>['answer'];
export type PolicyNotice = ResponseOf<'/api/me/policy-notices'>['notices'][number];
export type PolicyVersion = ResponseOf<'/api/privacy/versions'>['versions'][number];

export type PolicyUpdates = { prompts: ConsentPrompt[]; notices: PolicyNotice[]; versions: PolicyVersion[] };

/** Open questions and unacknowledged change notices of one person (the key names them). */
export const policyUpdatesQuery = (userId: string) =>
  queryOptions({ queryKey: ['policy-updates', userId] as const, queryFn: ({ signal }) => loadUpdates(signal) });

async function loadUpdates(signal: AbortSignal): Promise<PolicyUpdates> {
  const [{ prompts }, { notices }] = await Promise.all([body(apiClient.GET('/api/me/consent-prompts', { signal })), body(apiClient.GET('/api/me/policy-notices', { signal }))]);
  const open = notices.filter((n) => n.acknowledgedAt === null);
  // The version list (dates, summaries) only matters when there is something to say.
  const versions = open.length > 0 ? (await body(apiClient.GET('/api/privacy/versions', { signal }))).versions : [];
  return { prompts, notices: open, versions };
}

export const answerConsentPrompt = (id: string, answer: ConsentAnswer) => body(apiClient.POST('/api/me/consent-prompts/{id}', { params: { path: { id } }, body: { answer } }));
export const acknowledgePolicyNotice = (version: number) => body(apiClient.POST('/api/me/policy-notices/{version}/acknowledge', { params: { path: { version } } }));

/** The public page comparing a version with the one before it (or the whole history for the first). */
export function historyLink(version: number, versions: readonly PolicyVersion[] = []): string {
  const previous = versions.map((v) => v.version).filter((v) => v < version);
  const from = previous.length > 0 ? Math.max(...previous) : version - 1;
  return from >= 1 ? `/privacy/history?from=${from}&to=${version}` : '/privacy/history';
}
