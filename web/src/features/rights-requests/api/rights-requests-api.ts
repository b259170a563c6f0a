import { api } from '../../../lib/api-client.js';

export type RequestKind = 'access' | 'rectification' | 'erasure' | 'portability' | 'restriction' | 'objection' | 'opt_out' | 'other';
export type RequestStatus = 'unverified' | 'open' | 'in_progress' | 'extended' | 'completed' | 'denied';

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

export type RightsOptions = { kinds: RequestKind[]; jurisdictions: { id: string; name: string; rights: string[] }[] };
export type SubmitInput = { name: string; email: string; kind: RequestKind; jurisdiction: string; details?: string };

export type RequestView = {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  name: string;
  email: string;
  jurisdiction: string;
  details: string | null;
  hasAccount: boolean;
  agent: { name: string; email: string; authority: string } | null;
  verified: boolean;
  receivedOn: string;
  dueOn: string;
  daysLeft: number;
  overdue: boolean;
  extensionReason: string | null;
  answer: string | null;
  answeredAt: string | null;
};

export type RequestMetrics = { received: number; open: number; completed: number; denied: number; overdue: number; answeredLate: number; medianDaysToAnswer: number | null };

export type ErasureView = {
  id: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  progress: { tablesDone: number };
  certificateText: string | null;
};

export const loadOptions = (signal?: AbortSignal) => api.get<RightsOptions>('/api/rights/options', undefined, signal);
export const submitRequest = (input: SubmitInput) => api.post<{ id: string; dueOn: string }>('/api/rights/requests', input);
export const verifyRequest = (token: string) => api.post<{ id: string; kind: string; dueOn: string }>('/api/rights/requests/verify', { token });
export const readErasure = (id: string, token: string, signal?: AbortSignal) => api.get<ErasureView>(`/api/erasures/${encodeURIComponent(id)}`, { token }, signal);

export const listRequests = (status: string, signal?: AbortSignal) => api.get<{ requests: RequestView[] }>('/api/privacy-officer/requests', { status, limit: 200 }, signal);
export const loadMetrics = (signal?: AbortSignal) => api.get<RequestMetrics>('/api/privacy-officer/requests/metrics', undefined, signal);
export const extendRequest = (id: string, reason: string) => api.post<{ request: RequestView }>(`/api/privacy-officer/requests/${encodeURIComponent(id)}/extend`, { reason });
export const denyRequest = (id: string, reason: string) => api.post<{ request: RequestView }>(`/api/privacy-officer/requests/${encodeURIComponent(id)}/deny`, { reason });
export const completeRequest = (id: string, answer: string) => api.post<{ request: RequestView }>(`/api/privacy-officer/requests/${encodeURIComponent(id)}/complete`, { answer });

/** Fulfilling a verified request of an account holder: the erasure (certificate e-mailed) or the export (link e-mailed). */
export const eraseForRequest = (id: string) => api.post<{ request: RequestView; erasureId: string }>(`/api/privacy-officer/requests/${encodeURIComponent(id)}/erase`);
export const exportForRequest = (id: string) => api.post<{ request: RequestView }>(`/api/privacy-officer/requests/${encodeURIComponent(id)}/export`);

export type DisclosureKind = 'authority' | 'third_party';
export type DisclosureFacts = { kind: DisclosureKind; recipient: string; legalBasis: string; categories: string[]; reference?: string; disclosedAt?: string };

/** A disclosure made outside the system, about the account of a request or the account using an e-mail address. */
export const recordRequestDisclosure = (id: string, facts: DisclosureFacts) => api.post<{ id: string }>(`/api/privacy-officer/requests/${encodeURIComponent(id)}/disclosures`, facts);
export const recordDisclosureByEmail = (subjectEmail: string, facts: DisclosureFacts) => api.post<{ id: string }>('/api/privacy-officer/disclosures', { subjectEmail, ...facts });

export type PolicyCategory = { id: string; label: string };

/** The kinds of data the policy in force declares, in its words, from the published /privacy.json. */
export async function loadPolicyCategories(signal?: AbortSignal): Promise<PolicyCategory[]> {
  const body = await api.get<unknown>('/privacy.json', undefined, signal);
  return categoriesIn(body);
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
