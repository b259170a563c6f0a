/** Instant quotes, staff adjustments and the customer's answer (src/modules/quotes routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { projectKeys } from './project-keys.js';

/** A project's quotes, and whether the caller can ask for an instant one now (`canRequest`). */
export type QuoteList = ResponseOf<'/api/projects/{id}/quotes'>;
/** A quote with what the caller may do with it (`canAccept`, `canDecline`, `canAdjust`). */
export type Quote = QuoteList['quotes'][number];
export type QuoteLine = Quote['breakdown']['lines'][number];

export const quotesQuery = (projectId: string) =>
  queryOptions({
    queryKey: projectKeys.quotes(projectId),
    queryFn: ({ signal }) => body(apiClient.GET('/api/projects/{id}/quotes', { params: { path: { id: projectId } }, signal })),
  });

const quoteChanged = (projectId: string) => [projectKeys.quotes(projectId), projectKeys.detail(projectId), projectKeys.list()];

/** Issuing a quote makes the project quoted. */
export const useRequestQuote = (projectId: string) =>
  useApiMutation(
    () => body(apiClient.POST('/api/projects/{id}/quotes', { params: { path: { id: projectId } } })).then((r) => r.quote),
    () => quoteChanged(projectId),
  );
export const useAdjustQuote = (projectId: string) =>
  useApiMutation(
    (input: { id: string; amountCents: number; reason: string }) =>
      body(apiClient.POST('/api/quotes/{id}/adjust', { params: { path: { id: input.id } }, body: { amountCents: input.amountCents, reason: input.reason } })),
    () => [projectKeys.quotes(projectId)],
  );
/** Accepting starts production; declining may send the project back to review. */
export const useDecideQuote = (projectId: string) =>
  useApiMutation(
    (input: { id: string; decision: 'accept' | 'decline' }) =>
      input.decision === 'accept'
        ? body(apiClient.POST('/api/quotes/{id}/accept', { params: { path: { id: input.id } } }))
        : body(apiClient.POST('/api/quotes/{id}/decline', { params: { path: { id: input.id } } })),
    () => quoteChanged(projectId),
  );
