import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type DraftCheck = ResponseOf<'/api/privacy/manifest/validate', 'post'>;
export type ManifestProblem = DraftCheck['problems'][number];
export type Published = ResponseOf<'/api/privacy/manifest/publish', 'post'>;
export type VersionSummary = ResponseOf<'/api/privacy/versions'>['versions'][number];

const versionsKey = ['privacy-versions'] as const;

export const versionsQuery = () =>
  queryOptions({ queryKey: versionsKey, queryFn: ({ signal }) => body(apiClient.GET('/api/privacy/versions', { signal })).then((r) => r.versions) });

export const checkDraft = (yaml: string) => body(apiClient.POST('/api/privacy/manifest/validate', { body: { yaml } }));
export const usePublishManifest = () => useApiMutation((yaml: string) => body(apiClient.POST('/api/privacy/manifest/publish', { body: { yaml } })), () => [versionsKey]);
export const versionYaml = (version: number) => body(apiClient.GET('/api/privacy/versions/{version}', { params: { path: { version } } })).then((r) => r.yaml);
