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
