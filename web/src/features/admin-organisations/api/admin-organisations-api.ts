import { api } from '../../../lib/api-client.js';

export type OrganisationSummary = { id: string; name: string; domains: string[]; memberCount: number };
export type NewOrganisation = { name: string; domains: string[]; adminEmail?: string };

export const listOrganisations = (signal?: AbortSignal) => api.get<{ organisations: OrganisationSummary[] }>('/api/admin/orgs', undefined, signal);
export const createOrganisation = (input: NewOrganisation) => api.post<unknown>('/api/admin/orgs', input);
