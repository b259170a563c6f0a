import { api } from '../../../lib/api-client.js';
import type { ExportStatus } from '../../../lib/data-exports.js';

export type MyOrganisation = { id: string; name: string; role: 'admin' | 'member' };
export type Member = { userId: string; name: string; email: string; role: 'admin' | 'member'; status: 'active' | 'suspended'; joinedAt: string };
export type Invitation = { id: string; email: string; createdAt: string; expiresAt: string };
/** An export of a member's data that the signed-in administrator asked for (only they may download it). */
export type MemberExport = { id: string; userId: string; memberName: string; status: ExportStatus; sizeBytes: number | null; createdAt: string; completedAt: string | null; downloadedAt: string | null };
export type MemberErasure = { userId: string; requestedAt: string };
export type MemberRights = { exports: MemberExport[]; erasures: MemberErasure[] };

const org = (id: string) => `/api/orgs/${encodeURIComponent(id)}`;
const member = (orgId: string, userId: string) => `${org(orgId)}/members/${encodeURIComponent(userId)}`;

export const acceptInvitation = (token: string) => api.post<{ organisation: MyOrganisation & { notice: string } }>('/api/orgs/invitations/accept', { token });
export const getMyOrganisation = (signal?: AbortSignal) => api.get<{ organisation: MyOrganisation | null }>('/api/orgs/mine', undefined, signal);
export const getMembers = (orgId: string, signal?: AbortSignal) => api.get<{ members: Member[]; invitations: Invitation[] }>(`${org(orgId)}/members`, undefined, signal);
export const inviteMember = (orgId: string, email: string) => api.post<unknown>(`${org(orgId)}/invitations`, { email });
export const suspendMember = (orgId: string, userId: string) => api.post<unknown>(`${member(orgId, userId)}/suspend`);
export const reactivateMember = (orgId: string, userId: string) => api.post<unknown>(`${member(orgId, userId)}/reactivate`);
export const removeMember = (orgId: string, userId: string) => api.delete<unknown>(member(orgId, userId));
export const exportMemberData = (orgId: string, userId: string) => api.post<{ exportId: string }>(`${member(orgId, userId)}/export`);
export const eraseMember = (orgId: string, userId: string) => api.post<{ erasureId: string }>(`${member(orgId, userId)}/erase`);
/** The exports this administrator asked for about members, and the members whose erasure is under way. */
export const getMemberRights = (orgId: string, signal?: AbortSignal) => api.get<MemberRights>(`${org(orgId)}/member-rights`, undefined, signal);
