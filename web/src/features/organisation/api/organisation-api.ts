import { api } from '../../../lib/api-client.js';

export type MyOrganisation = { id: string; name: string; role: 'admin' | 'member' };
export type Member = { userId: string; name: string; email: string; role: 'admin' | 'member'; status: 'active' | 'suspended'; joinedAt: string };
export type Invitation = { id: string; email: string; createdAt: string; expiresAt: string };

const org = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;

export const acceptInvitation = (token: string) => api.post<{ organisation: MyOrganisation & { notice: string } }>('/api/orgs/invitations/accept', { token });
export const getMyOrganisation = (signal?: AbortSignal) => api.get<{ organisation: MyOrganisation | null }>('/api/orgs/mine', undefined, signal);
export const getMembers = (orgId: string, signal?: AbortSignal) => api.get<{ members: Member[]; invitations: Invitation[] }>(`${org(orgId)}/members`, undefined, signal);
export const inviteMember = (orgId: string, email: string) => api.post<unknown>(`${org(orgId)}/invitations`, { email });
export const suspendMember = (orgId: string, userId: string) => api.post<unknown>(`${org(orgId)}/members/${encodeURIComponent(userId)}/suspend`);
export const reactivateMember = (orgId: string, userId: string) => api.post<unknown>(`${org(orgId)}/members/${encodeURIComponent(userId)}/reactivate`);
export const removeMember = (orgId: string, userId: string) => api.delete<unknown>(`${org(orgId)}/members/${encodeURIComponent(userId)}`);
