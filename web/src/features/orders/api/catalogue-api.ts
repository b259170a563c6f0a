/** The catalogue of fixed-price products and services (src/modules/orders catalogue routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { orderKeys } from './orders-api.js';

export type CatalogueItem = ResponseOf<'/api/catalogue'>['items'][number];
export type CatalogueItemInput = RequestOf<'/api/catalogue', 'post'>;
export type OrderItemInput = RequestOf<'/api/catalogue/{id}/order', 'post'>;

const catalogueKey = ['catalogue'] as const;

/** Customers get the items on offer; staff get the withdrawn ones too. */
export const catalogueQuery = () => queryOptions({ queryKey: catalogueKey, queryFn: ({ signal }) => body(apiClient.GET('/api/catalogue', { signal })) });

export const useAddCatalogueItem = () => useApiMutation((input: CatalogueItemInput) => body(apiClient.POST('/api/catalogue', { body: input })), () => [catalogueKey]);
export const useSetCatalogueItemActive = () =>
  useApiMutation((input: { id: string; active: boolean }) => body(apiClient.PUT('/api/catalogue/{id}/active', { params: { path: { id: input.id } }, body: { active: input.active } })), () => [catalogueKey]);
export const useOrderCatalogueItem = () =>
  useApiMutation((input: { id: string; order: OrderItemInput }) => body(apiClient.POST('/api/catalogue/{id}/order', { params: { path: { id: input.id } }, body: input.order })), () => [orderKeys.all]);
