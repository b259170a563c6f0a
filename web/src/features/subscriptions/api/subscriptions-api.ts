/** Plans and the customer's subscriptions (src/modules/subscriptions routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type Plan = ResponseOf<'/api/subscription-plans'>['plans'][number];
export type Subscription = ResponseOf<'/api/subscriptions'>['subscriptions'][number];
export type Provider = Subscription['provider'];
export type SubscribeInput = RequestOf<'/api/subscriptions', 'post'>;

const keys = { all: ['subscriptions'] as const, plans: ['subscription-plans'] as const };

export const plansQuery = () => queryOptions({ queryKey: keys.plans, queryFn: ({ signal }) => body(apiClient.GET('/api/subscription-plans', { signal })).then((r) => r.plans) });
export const mySubscriptionsQuery = () => queryOptions({ queryKey: keys.all, queryFn: ({ signal }) => body(apiClient.GET('/api/subscriptions', { signal })) });

export const useSubscribe = () => useApiMutation((input: SubscribeInput) => body(apiClient.POST('/api/subscriptions', { body: input })), () => [keys.all]);
export const usePayDue = () =>
  useApiMutation((input: { id: string; provider: Provider }) => body(apiClient.POST('/api/subscriptions/{id}/pay', { params: { path: { id: input.id } }, body: { provider: input.provider } })), () => [keys.all]);
export const useCancelSubscription = () => useApiMutation((id: string) => body(apiClient.POST('/api/subscriptions/{id}/cancel', { params: { path: { id } } })), () => [keys.all]);
export const useResumeSubscription = () => useApiMutation((id: string) => body(apiClient.POST('/api/subscriptions/{id}/resume', { params: { path: { id } } })), () => [keys.all]);
