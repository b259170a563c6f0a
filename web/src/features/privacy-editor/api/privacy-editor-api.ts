import { api } from '../../../lib/api-client.js';

export type ManifestProblem = { file: string; line: number; column: number; path: string; message: string; kind: 'syntax' | 'schema' | 'semantic' };

export type DraftCheck = {
  valid: boolean;
  problems: ManifestProblem[];
  preview: { html: string } | null;
  change: { level: 'significant' | 'minor'; sentences: string[]; reasons: string[]; unchanged: boolean } | null;
};

export type Published = {
  version: number;
  changeLevel: 'initial' | 'significant' | 'minor';
  effectiveAt: string;
  reasons: string[];
  consentPurposes: string[];
  notifying: boolean;
};

export type VersionSummary = { version: number; publishedAt: string; changeLevel: string; summary: string };

export const checkDraft = (yaml: string) => api.post<DraftCheck>('/api/privacy/manifest/validate', { yaml });
export const publishManifest = (yaml: string) => api.post<Published>('/api/privacy/manifest/publish', { yaml });
export const listVersions = (signal?: AbortSignal) => api.get<{ versions: VersionSummary[] }>('/api/privacy/versions', undefined, signal);
export const versionYaml = (version: number) => api.get<{ yaml: string }>(`/api/privacy/versions/${version}`).then((r) => r.yaml);
