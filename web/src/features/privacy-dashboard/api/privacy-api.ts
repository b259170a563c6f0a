import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { paths } from '../../../lib/api/openapi.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { isExportPending } from '../../../lib/data-exports.js';
import { useApiMutation } from '../../../lib/query.js';

export type ProcessingKind = paths['/api/me/opt-outs/{kind}']['post']['parameters']['path']['kind'];
export type DataExport = ResponseOf<'/api/me/exports'>['exports'][number];

// GET /api/me/privacy declares no response schema yet (src/modules/rights/rights.routes.ts), so this
// shape is still written here; give the route one and derive it like the others.
export type HeldCategory = {
  category: string;
  label: string;
  description: string;
  rows: number;
  tables: { table: string; description: string; rows: number }[];
  purposes: { id: string; name: string; description: string | null; legalBasis: string }[];
  retention: { rule: string; endAction: string; reason: string | null; earliestEnd: string | null; latestEnd: string | null } | null;
  recipients: { id: string; name: string; kind: string; service: string; country: string }[];
};
export type PrivacyDashboard = {
  policyVersion: number;
  categories: HeldCategory[];
  disclosures: { id: string; kind: string; recipient: string; categories: string[]; categoryLabels: string[]; legalBasis: string; reference: string | null; disclosedAt: string }[];
  restrictions: { scope: 'all' | ProcessingKind; since: string; reason: string | null }[];
  exports: DataExport[];
  requests: { id: string; kind: string; status: string; receivedOn: string; dueOn: string }[];
  jurisdictions: { id: string; name: string; rights: string[] }[];
};

const EXPORT_POLL_MS = 2000;
const keys = { dashboard: ['my-privacy'] as const, exports: ['my-exports'] as const };

export const dashboardQuery = () =>
  queryOptions({ queryKey: keys.dashboard, queryFn: ({ signal }) => body(apiClient.GET('/api/me/privacy', { signal })) as Promise<unknown> as Promise<PrivacyDashboard> });
/** Followed every few seconds while one is being prepared, so "Download" appears without a reload. */
export const exportsQuery = () =>
  queryOptions({
    queryKey: keys.exports,
    queryFn: ({ signal }) => body(apiClient.GET('/api/me/exports', { signal })).then((r) => r.exports),
    refetchInterval: (query) => (query.state.data?.some((e) => isExportPending(e.status)) ? EXPORT_POLL_MS : false),
  });

export const useRequestExport = () => useApiMutation(() => body(apiClient.POST('/api/me/exports')), () => [keys.exports]);
export const useSetRestriction = () =>
  useApiMutation((on: boolean) => (on ? body(apiClient.POST('/api/me/restriction', { body: {} })) : body(apiClient.DELETE('/api/me/restriction'))), () => [keys.dashboard]);
export const useSetOptOut = () =>
  useApiMutation(
    ({ kind, on }: { kind: ProcessingKind; on: boolean }) =>
      on ? body(apiClient.POST('/api/me/opt-outs/{kind}', { params: { path: { kind } } })) : body(apiClient.DELETE('/api/me/opt-outs/{kind}', { params: { path: { kind } } })),
    () => [keys.dashboard],
  );
export const useRequestCorrection = () =>
  useApiMutation((input: { what: string; correction: string }) => body(apiClient.POST('/api/me/corrections', { body: input })), () => [keys.dashboard]);
export const eraseMyAccount = (password: string) => body(apiClient.POST('/api/me/erasure', { body: { password } }));
