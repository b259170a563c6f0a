import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { QueryOf, RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { loadPublishedPolicy } from '../../../lib/published-policy.js';

export type SubmitInput = RequestOf<'/api/rights/requests', 'post'>;
export type RequestKind = SubmitInput['kind'];
/** A request as the officer's queue shows it. */
export type RequestView = ResponseOf<'/api/privacy-officer/requests'>['requests'][number];
export type RequestStatus = RequestView['status'];
/** Which requests the queue shows: a status, 'pending' (still to answer), or '' for all. */
export type RequestFilter = NonNullable<QueryOf<'/api/privacy-officer/requests'>['status']> | '';
export type DisclosureFacts = Omit<RequestOf<'/api/privacy-officer/disclosures', 'post'>, 'subjectEmail'>;
export type DisclosureKind = DisclosureFacts['kind'];

export const KIND_LABELS: Record<RequestKind, string> = {
  access: 'See a copy of my data',
  rectification: 'Correct my data',
  erasure: 'Delete my data',
  portability: 'Get my data to take elsewhere',
  restriction: 'Restrict how my data is used',
  objection: 'Object to how my data is used',
  opt_out: 'Opt out of sale or sharing',
  other: 'Something else',
};

export const STATUS_LABELS: Record<RequestStatus, string> = {
  unverified: 'Awaiting e-mail confirmation',
  open: 'Open',
  in_progress: 'In progress',
  extended: 'Extended',
  completed: 'Completed',
  denied: 'Denied',
};

export type RightsOptions = ResponseOf<'/api/rights/options'>;
export type RequestMetrics = ResponseOf<'/api/privacy-officer/requests/metrics'>;
/** An erasure as its certificate link shows it. */
export type ErasureView = ResponseOf<'/api/erasures/{id}'>;

const keys = { options: ['rights-options'] as const, metrics: ['rights-metrics'] as const, requests: ['rights-requests'] as const, categories: ['policy-categories'] as const };

export const optionsQuery = () =>
  queryOptions({ queryKey: keys.options, queryFn: ({ signal }) => body(apiClient.GET('/api/rights/options', { signal })) });
export const metricsQuery = () =>
  queryOptions({ queryKey: keys.metrics, queryFn: ({ signal }) => body(apiClient.GET('/api/privacy-officer/requests/metrics', { signal })) });
export const requestsQuery = (status: RequestFilter) =>
  queryOptions({
    queryKey: [...keys.requests, status] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/privacy-officer/requests', { params: { query: { ...(status ? { status } : {}), limit: 200 } }, signal })).then((r) => r.requests),
    placeholderData: (previous) => previous,
  });
const ERASURE_POLL_MS = 2000;
/** Erasure runs in the background: followed until the certificate is final. */
export const erasureQuery = (id: string, token: string) =>
  queryOptions({
    queryKey: ['erasure', id, token] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/erasures/{id}', { params: { path: { id }, query: { token } }, signal })),
    refetchInterval: (query) => (query.state.data && isErasureFinal(query.state.data)) || query.state.status === 'error' ? false : ERASURE_POLL_MS,
  });
export function isErasureFinal(erasure: ErasureView): boolean {
  return erasure.certificateText !== null && erasure.status === 'completed';
}
export const policyCategoriesQuery = () => queryOptions({ queryKey: keys.categories, queryFn: ({ signal }) => loadPolicyCategories(signal) });

export const submitRequest = (input: SubmitInput) => body(apiClient.POST('/api/rights/requests', { body: input }));
export const verifyRequest = (token: string) => body(apiClient.POST('/api/rights/requests/verify', { body: { token } }));

const officer = (id: string) => ({ params: { path: { id } } });
/** Answering or fulfilling a request moves it in the queue and in the overview. */
const answered = () => [keys.requests, keys.metrics];
export type Answer = 'complete' | 'extend' | 'deny';
export const useAnswerRequest = () =>
  useApiMutation(
    ({ id, answer, text }: { id: string; answer: Answer; text: string }) =>
      answer === 'complete'
        ? body(apiClient.POST('/api/privacy-officer/requests/{id}/complete', { ...officer(id), body: { answer: text } }))
        : answer === 'extend'
          ? body(apiClient.POST('/api/privacy-officer/requests/{id}/extend', { ...officer(id), body: { reason: text } }))
          : body(apiClient.POST('/api/privacy-officer/requests/{id}/deny', { ...officer(id), body: { reason: text } })),
    answered,
  );
/** Fulfilling a verified request of an account holder: the erasure (certificate e-mailed) or the export (link e-mailed). */
export const useEraseForRequest = () => useApiMutation((id: string) => body(apiClient.POST('/api/privacy-officer/requests/{id}/erase', officer(id))), answered);
export const useExportForRequest = () => useApiMutation((id: string) => body(apiClient.POST('/api/privacy-officer/requests/{id}/export', officer(id))), answered);

/** A disclosure made outside the system, about the account of a request or the account using an e-mail address. */
export const recordRequestDisclosure = (id: string, facts: DisclosureFacts) => body(apiClient.POST('/api/privacy-officer/requests/{id}/disclosures', { ...officer(id), body: facts }));
export const recordDisclosureByEmail = (subjectEmail: string, facts: DisclosureFacts) => body(apiClient.POST('/api/privacy-officer/disclosures', { body: { subjectEmail, ...facts } }));

export type PolicyCategory = { id: string; label: string };

/** The kinds of data the policy in force declares, in its words, from the published /privacy.json. */
async function loadPolicyCategories(signal?: AbortSignal): Promise<PolicyCategory[]> {
  return categoriesIn(await loadPublishedPolicy(signal));
}

function categoriesIn(body: unknown): PolicyCategory[] {
  if (!body || typeof body !== 'object') return [];
  const { manifest, taxonomy } = body as { manifest?: { categories?: unknown }; taxonomy?: Record<string, { label?: unknown } | undefined> };
  const declared = Array.isArray(manifest?.categories) ? (manifest.categories as unknown[]) : [];
  return declared
    .map((c) => (c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string' ? (c as { id: string }).id : null))
    .filter((id): id is string => id !== null)
    .map((id) => {
      const label = taxonomy?.[id]?.label;
      return { id, label: typeof label === 'string' ? label : id };
    });
}
