import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type RetentionPlan = ResponseOf<'/api/privacy-officer/retention/plan'>;
export type CertificateSummary = ResponseOf<'/api/privacy-officer/retention/certificates'>['certificates'][number];
export type PrivacyCheck = ResponseOf<'/api/privacy-officer/privacy-check'>;
export type Hold = ResponseOf<'/api/privacy-officer/legal-holds'>['holds'][number];
export type OpenHoldInput = RequestOf<'/api/privacy-officer/legal-holds', 'post'>;

const planKey = ['retention-plan'] as const;
const certificatesKey = ['retention-certificates'] as const;
const checkKey = ['privacy-check'] as const;
const holdsKey = ['legal-holds'] as const;

export const planQuery = () => queryOptions({ queryKey: planKey, queryFn: ({ signal }) => body(apiClient.GET('/api/privacy-officer/retention/plan', { signal })) });
export const certificatesQuery = () =>
  queryOptions({ queryKey: certificatesKey, queryFn: ({ signal }) => body(apiClient.GET('/api/privacy-officer/retention/certificates', { signal })).then((r) => r.certificates) });
export const privacyCheckQuery = () => queryOptions({ queryKey: checkKey, queryFn: ({ signal }) => body(apiClient.GET('/api/privacy-officer/privacy-check', { signal })) });
export const holdsQuery = () => queryOptions({ queryKey: holdsKey, queryFn: ({ signal }) => body(apiClient.GET('/api/privacy-officer/legal-holds', { signal })).then((r) => r.holds) });

/** A certificate downloads as text from its own URL (the browser keeps the officer's session cookie). */
export const certificateUrl = (runId: string) => `/api/privacy-officer/retention/certificates/${encodeURIComponent(runId)}`;

// A hold changes what the next run removes and what the check reports: all three refresh.
export const useOpenHold = () => useApiMutation((input: OpenHoldInput) => body(apiClient.POST('/api/privacy-officer/legal-holds', { body: input })), () => [holdsKey, planKey, checkKey]);
export const useReleaseHold = () =>
  useApiMutation((id: string) => body(apiClient.POST('/api/privacy-officer/legal-holds/{id}/release', { params: { path: { id } } })), () => [holdsKey, planKey, checkKey]);
