import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { paths } from '../../../lib/api/openapi.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { isExportPending } from '../../../lib/data-exports.js';
import { useApiMutation } from '../../../lib/query.js';

export type ProcessingKind = paths['/api/me/opt-outs/{kind}']['post']['parameters']['path']['kind'];
export type DataExport = ResponseOf<'/api/me/exports'>['exports'][number];

/** Everything held about the person, by category; null only for an account that no longer exists. */
export type PrivacyDashboard = NonNullable<ResponseOf<'/api/me/privacy'>>;
export type HeldCategory = PrivacyDashboard['categories'][number];

const EXPORT_POLL_MS = 2000;
const keys = { dashboard: ['my-privacy'] as const, exports: ['my-exports'] as const };

export const dashboardQuery = () =>
  queryOptions({ queryKey: keys.dashboard, queryFn: ({ signal }) => body(apiClient.GET('/api/me/privacy', { signal })) });
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
/** `password` undefined for an account without one: a recent sign-in by e-mailed link confirms instead. */
export const eraseMyAccount = (password: string | undefined) => body(apiClient.POST('/api/me/erasure', { body: password === undefined ? {} : { password } }));

/** The export a mailed link names, if the link still works for the signed-in person (checked, not used up). */
export const exportLinkQuery = (id: string, token: string) =>
  queryOptions({
    queryKey: ['export-link', id, token] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/exports/{id}', { params: { path: { id }, query: { token } }, signal })),
  });
