import { api } from '../../../lib/api-client.js';

export type Session = { id: string; createdAt: string; lastSeenAt: string; deviceLabel: string | null; current: boolean };
export type ProfileInput = { name: string; phone: string | null; company: string | null; jobTitle: string | null };

export const updateProfile = (input: ProfileInput) => api.patch<unknown>('/api/me', input);
export const changePassword = (currentPassword: string, newPassword: string) => api.post<{ ok: true }>('/api/me/password', { currentPassword, newPassword });
export const requestEmailChange = (currentPassword: string, newEmail: string) => api.post<{ ok: true }>('/api/me/email', { currentPassword, newEmail });
export const listSessions = (signal?: AbortSignal) => api.get<{ sessions: Session[] }>('/api/me/sessions', undefined, signal);
export const revokeSession = (id: string) => api.delete<{ ok: true }>(`/api/me/sessions/${encodeURIComponent(id)}`);
export const revokeOtherSessions = () => api.post<{ revoked: number }>('/api/me/sessions/revoke-others');
