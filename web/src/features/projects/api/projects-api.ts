/** Projects, their messages, status changes and staff assignments (src/modules/projects routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { projectKeys } from './project-keys.js';

export type ProjectSummary = ResponseOf<'/api/projects'>['projects'][number];
/** One project as the caller sees it, with what they may do with it (`allowedTransitions`, `can…`). */
export type Project = ResponseOf<'/api/projects/{id}'>['project'];
export type ProjectStatus = Project['status'];
export type TimelineEntry = Project['timeline'][number];
export type ProjectOptions = ResponseOf<'/api/projects/options'>;
export type NewProject = RequestOf<'/api/projects', 'post'>;
export type LengthUnit = NonNullable<NewProject['units']>;
export type Message = ResponseOf<'/api/projects/{id}/messages'>['messages'][number];
export type StaffMember = ResponseOf<'/api/admin/users'>['users'][number];

export const LENGTH_UNITS = ['mm', 'cm', 'm', 'um', 'in', 'ft'] as const satisfies readonly LengthUnit[];

const byId = (id: string) => ({ params: { path: { id } } });

export const projectListQuery = () =>
  queryOptions({ queryKey: projectKeys.list(), queryFn: ({ signal }) => body(apiClient.GET('/api/projects', { params: { query: { limit: 500 } }, signal })) });
export const projectQuery = (id: string) =>
  queryOptions({ queryKey: projectKeys.detail(id), queryFn: ({ signal }) => body(apiClient.GET('/api/projects/{id}', { ...byId(id), signal })).then((r) => r.project) });
export const projectOptionsQuery = () =>
  queryOptions({ queryKey: projectKeys.options(), queryFn: ({ signal }) => body(apiClient.GET('/api/projects/options', { signal })), staleTime: Infinity });
export const messagesQuery = (id: string) =>
  queryOptions({
    queryKey: projectKeys.messages(id),
    queryFn: ({ signal }) => body(apiClient.GET('/api/projects/{id}/messages', { params: { path: { id }, query: { limit: 1000 } }, signal })).then((r) => r.messages),
  });
/** Staff accounts an admin can assign (the admin users listing, filtered by role). */
export const staffQuery = () =>
  queryOptions({
    queryKey: projectKeys.staff(),
    queryFn: ({ signal }) => body(apiClient.GET('/api/admin/users', { params: { query: { role: 'staff', limit: 200 } }, signal })).then((r) => r.users),
  });

export const createProject = (input: NewProject) => body(apiClient.POST('/api/projects', { body: input }));

/** Quotes move the project's status and status changes close quoting: both are refreshed. */
export const useChangeStatus = (id: string) =>
  useApiMutation(
    (input: { status: ProjectStatus; note: string | null }) => body(apiClient.POST('/api/projects/{id}/status', { ...byId(id), body: input })),
    () => [projectKeys.detail(id), projectKeys.quotes(id), projectKeys.list()],
  );
export const useSetPromisedDelivery = (id: string) =>
  useApiMutation(
    (date: string | null) => body(apiClient.PUT('/api/projects/{id}/promised-delivery', { ...byId(id), body: { date } })),
    () => [projectKeys.detail(id), projectKeys.list()],
  );
export const useAssignStaff = (id: string) =>
  useApiMutation(
    (staffId: string) => body(apiClient.POST('/api/projects/{id}/assignments', { ...byId(id), body: { staffId } })),
    () => [projectKeys.detail(id)],
  );
export const useUnassignStaff = (id: string) =>
  useApiMutation(
    (staffId: string) => body(apiClient.DELETE('/api/projects/{id}/assignments/{staffId}', { params: { path: { id, staffId } } })),
    () => [projectKeys.detail(id)],
  );
export const usePostMessage = (id: string) =>
  useApiMutation(
    (text: string) => body(apiClient.POST('/api/projects/{id}/messages', { ...byId(id), body: { body: text } })),
    () => [projectKeys.messages(id)],
  );
