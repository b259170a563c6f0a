/** Plans and every subscription, for admins (src/modules/subscriptions routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type AdminSubscription = ResponseOf<'/api/subscriptions/all'>['subscriptions'][number];
export type CreatePlanInput = RequestOf<'/api/subscription-plans', 'post'>;

const keys = { all: ['admin-subscriptions'] as const, plans: ['subscription-plans'] as const };

export const allSubscriptionsQuery = () => queryOptions({ queryKey: keys.all, queryFn: ({ signal }) => body(apiClient.GET('/api/subscriptions/all', { signal })).then((r) => r.subscriptions) });
export const adminPlansQuery = () => queryOptions({ queryKey: keys.plans, queryFn: ({ signal }) => body(apiClient.GET('/api/subscription-plans', { signal })).then((r) => r.plans) });

export const useCreatePlan = () => useApiMutation((input: CreatePlanInput) => body(apiClient.POST('/api/subscription-plans', { body: input })), () => [keys.plans]);
export const useRecordTransfer = () =>
  useApiMutation((id: string) => body(apiClient.POST('/api/subscriptions/{id}/payments/bank-transfer', { params: { path: { id } } })), () => [keys.all]);
