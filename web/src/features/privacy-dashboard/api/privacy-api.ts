import { api } from '../../../lib/api-client.js';
import type { ExportStatus } from '../../../lib/data-exports.js';

export type ProcessingKind = 'analytics' | 'marketing' | 'integrations' | 'profiling';

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

export type DataExport = { id: string; status: ExportStatus; sizeBytes: number | null; createdAt: string; completedAt: string | null; downloadedAt: string | null };

export type PrivacyDashboard = {
  policyVersion: number;
  categories: HeldCategory[];
  disclosures: { id: string; kind: string; recipient: string; categories: string[]; categoryLabels: string[]; legalBasis: string; reference: string | null; disclosedAt: string }[];
  restrictions: { scope: 'all' | ProcessingKind; since: string; reason: string | null }[];
  exports: DataExport[];
  requests: { id: string; kind: string; status: string; receivedOn: string; dueOn: string }[];
  jurisdictions: { id: string; name: string; rights: string[] }[];
};

export const loadDashboard = (signal?: AbortSignal) => api.get<PrivacyDashboard>('/api/me/privacy', undefined, signal);
export const requestExport = () => api.post<{ id: string }>('/api/me/exports');
export const listExports = (signal?: AbortSignal) => api.get<{ exports: DataExport[] }>('/api/me/exports', undefined, signal).then((r) => r.exports);
export const setRestriction = (on: boolean) => (on ? api.post<{ ok: true }>('/api/me/restriction', {}) : api.delete<{ ok: true }>('/api/me/restriction'));
export const setOptOut = (kind: ProcessingKind, on: boolean) =>
  on ? api.post<{ ok: true }>(`/api/me/opt-outs/${kind}`) : api.delete<{ ok: true }>(`/api/me/opt-outs/${kind}`);
export const requestCorrection = (input: { what: string; correction: string }) => api.post<{ id: string; dueOn: string }>('/api/me/corrections', input);
export const eraseMyAccount = (password: string) => api.post<{ erasureId: string; token: string; certificateUrl: string }>('/api/me/erasure', { password });

// Kept here for the pages that already import it from this feature.
export { sameOriginPath } from '../../../lib/same-origin.js';
