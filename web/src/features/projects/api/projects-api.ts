/** Projects, their messages, status changes and staff assignments (src/modules/projects routes). */
import { api } from '../../../lib/api-client.js';

export const PROJECT_STATUSES = ['received', 'in_review', 'quoted', 'in_production', 'shipped', 'delivered', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROCESSES = ['FDM', 'SLA', 'SLS', 'MJF'] as const;
export type Process = (typeof PROCESSES)[number];

export const LENGTH_UNITS = ['mm', 'cm', 'm', 'um', 'in', 'ft'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

export type ProjectSummary = {
  id: string;
  title: string;
  status: ProjectStatus;
  process: string;
  material: string;
  quantity: number;
  customerId: string;
  wantedDeliveryDate: string | null;
  promisedDeliveryDate: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TimelineEntry = { from: ProjectStatus | null; to: ProjectStatus; actorId: string | null; actorRole: string; note: string | null; at: string };

export type Project = ProjectSummary & {
  colour: string | null;
  units: string;
  toleranceMm: number | null;
  finish: string | null;
  notes: string | null;
  completedAt: string | null;
  customer: { id: string; name: string; email: string };
  assignedStaff: { id: string; name: string }[];
  timeline: TimelineEntry[];
  nextStatuses: ProjectStatus[];
};

export type ProjectOptions = {
  currency: string;
  processes: { process: Process; buildVolumeMm: { x: number; y: number; z: number }; materials: string[] }[];
};

export type NewProject = {
  title: string;
  process: string;
  material: string;
  colour: string | null;
  quantity: number;
  units: LengthUnit;
  toleranceMm: number | null;
  finish: string | null;
  wantedDeliveryDate: string | null;
  notes: string | null;
};

export type Message = { id: string; authorId: string | null; authorName: string | null; authorRole: string; body: string; createdAt: string };
export type StaffMember = { id: string; name: string; email: string };

const at = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export const getProjectOptions = (signal?: AbortSignal) => api.get<ProjectOptions>('/api/projects/options', undefined, signal);
export const listProjects = (signal?: AbortSignal) => api.get<{ projects: ProjectSummary[] }>('/api/projects', { limit: 500 }, signal).then((r) => r.projects);
export const getProject = (id: string, signal?: AbortSignal) => api.get<{ project: Project }>(at(id), undefined, signal).then((r) => r.project);
export const createProject = (input: NewProject) => api.post<{ id: string }>('/api/projects', input);
export const changeStatus = (id: string, status: ProjectStatus, note: string | null) => api.post<{ ok: true }>(`${at(id)}/status`, { status, note });
export const setPromisedDelivery = (id: string, date: string | null) => api.put<{ ok: true }>(`${at(id)}/promised-delivery`, { date });
export const assignStaff = (id: string, staffId: string) => api.post<{ ok: true }>(`${at(id)}/assignments`, { staffId });
export const unassignStaff = (id: string, staffId: string) => api.delete<{ ok: true }>(`${at(id)}/assignments/${encodeURIComponent(staffId)}`);
export const listMessages = (id: string, signal?: AbortSignal) => api.get<{ messages: Message[] }>(`${at(id)}/messages`, { limit: 1000 }, signal).then((r) => r.messages);
export const postMessage = (id: string, body: string) => api.post<{ id: string }>(`${at(id)}/messages`, { body });
/** Staff accounts an admin can assign (the admin users listing, filtered by role). */
export const listStaff = (signal?: AbortSignal) =>
  api.get<{ users: StaffMember[] }>('/api/admin/users', { role: 'staff', limit: 200 }, signal).then((r) => r.users);
