import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { QueryOf, RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { solveSpamCheck } from './spam-check.js';

export type ContactInput = Omit<RequestOf<'/api/support/contact', 'post'>, 'challenge'>;
export type Topic = ContactInput['topic'];
export type Ticket = ResponseOf<'/api/support/tickets/{id}'>['ticket'];
export type TicketSummary = ResponseOf<'/api/support/tickets'>['tickets'][number];
export type TicketStatus = Ticket['status'];
export type TicketChange = RequestOf<'/api/support/tickets/{id}', 'patch'>;
export type InboxQuery = QueryOf<'/api/support/tickets'>;
export type AttachmentInput = NonNullable<ContactInput['attachments']>[number];
export type PrivacyRequestInput = RequestOf<'/api/support/tickets/{id}/privacy-request', 'post'>;

export const TOPIC_LABELS: Record<Topic, string> = {
  question: 'A question',
  project: 'A project or an order',
  billing: 'Billing',
  privacy: 'My data and privacy',
  feedback: 'Feedback',
  other: 'Something else',
};

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  pending: 'Waiting for the customer',
  resolved: 'Resolved',
  closed: 'Closed',
};

const keys = {
  form: ['support-form'] as const,
  inbox: ['support-inbox'] as const,
  ticket: (id: string) => ['support-ticket', id] as const,
  mine: ['support-mine'] as const,
  myTicket: (id: string) => ['support-my-ticket', id] as const,
  canned: ['support-canned'] as const,
  staff: ['support-staff'] as const,
};

export const contactFormQuery = () => queryOptions({ queryKey: keys.form, queryFn: ({ signal }) => body(apiClient.GET('/api/support/form', { signal })) });

/** Solves the spam check (a proof of work, in this browser) and sends the form with it. */
export async function sendContactForm(input: ContactInput) {
  const challenge = await body(apiClient.GET('/api/support/challenge'));
  return body(apiClient.POST('/api/support/contact', { body: { ...input, challenge: await solveSpamCheck(challenge) } }));
}
export const confirmContact = (input: RequestOf<'/api/support/contact/confirm', 'post'>) => body(apiClient.POST('/api/support/contact/confirm', { body: input }));

export const inboxQuery = (query: InboxQuery) =>
  queryOptions({
    queryKey: [...keys.inbox, query] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/support/tickets', { params: { query }, signal })).then((r) => r.tickets),
    placeholderData: (previous) => previous,
  });
export const staffTicketQuery = (id: string) => queryOptions({ queryKey: keys.ticket(id), queryFn: ({ signal }) => body(apiClient.GET('/api/support/tickets/{id}', { params: { path: { id } }, signal })).then((r) => r.ticket) });
export const staffQuery = () => queryOptions({ queryKey: keys.staff, queryFn: ({ signal }) => body(apiClient.GET('/api/support/staff', { signal })).then((r) => r.staff) });
export const cannedRepliesQuery = () => queryOptions({ queryKey: keys.canned, queryFn: ({ signal }) => body(apiClient.GET('/api/support/canned-replies', { signal })).then((r) => r.replies) });
export const myTicketsQuery = () => queryOptions({ queryKey: keys.mine, queryFn: ({ signal }) => body(apiClient.GET('/api/me/support/tickets', { signal })).then((r) => r.tickets) });
export const myTicketQuery = (id: string) => queryOptions({ queryKey: keys.myTicket(id), queryFn: ({ signal }) => body(apiClient.GET('/api/me/support/tickets/{id}', { params: { path: { id } }, signal })).then((r) => r.ticket) });

const path = (id: string) => ({ params: { path: { id } } });
export const useStaffMessage = (id: string) =>
  useApiMutation((input: { kind: 'reply' | 'note'; body: string }) => body(apiClient.POST('/api/support/tickets/{id}/messages', { ...path(id), body: input })), () => [keys.ticket(id), keys.inbox]);
export const useChangeTicket = (id: string) => useApiMutation((change: TicketChange) => body(apiClient.PATCH('/api/support/tickets/{id}', { ...path(id), body: change })), () => [keys.ticket(id), keys.inbox]);
export const useTurnIntoPrivacyRequest = (id: string) =>
  useApiMutation((input: PrivacyRequestInput) => body(apiClient.POST('/api/support/tickets/{id}/privacy-request', { ...path(id), body: input })), () => [keys.ticket(id), keys.inbox]);
export const useCreateCannedReply = () => useApiMutation((input: { title: string; body: string }) => body(apiClient.POST('/api/support/canned-replies', { body: input })), () => [keys.canned]);
export const useDeleteCannedReply = () => useApiMutation((id: string) => body(apiClient.DELETE('/api/support/canned-replies/{id}', path(id))), () => [keys.canned]);
export const useCustomerMessage = (id: string) =>
  useApiMutation((input: { body: string; attachments?: AttachmentInput[] }) => body(apiClient.POST('/api/me/support/tickets/{id}/messages', { ...path(id), body: input })), () => [keys.myTicket(id), keys.mine]);

export const attachmentUrl = (id: string) => `/api/support/attachments/${id}`;

/** Reads chosen files as the API takes them (base64 in JSON). */
export async function readAttachments(files: FileList | null): Promise<AttachmentInput[]> {
  return Promise.all(
    [...(files ?? [])].map(async (file) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { name: file.name, contentType: file.type || 'application/octet-stream', data: btoa(binary) };
    }),
  );
}

/** The jurisdictions of the policy in force, for filing a ticket as a privacy request. */
export const rightsOptionsQuery = () => queryOptions({ queryKey: ['rights-options'] as const, queryFn: ({ signal }) => body(apiClient.GET('/api/rights/options', { signal })) });
export type RequestKind = PrivacyRequestInput['kind'];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  access: 'Access (a copy of their data)',
  rectification: 'Correction',
  erasure: 'Erasure',
  portability: 'Portability',
  restriction: 'Restriction',
  objection: 'Objection',
  opt_out: 'Opt-out of sale or sharing',
  other: 'Other',
};
