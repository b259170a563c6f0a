/** Orders, payments and invoices (src/modules/orders routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type OrderDetail = ResponseOf<'/api/orders/{id}'>;
/** An order with what the caller may do with it (`allowedMoves`, `canPay`, `canRecordPayment`, `canRefund`). */
export type Order = OrderDetail['order'];
export type OrderStatus = Order['status'];
export type Invoice = OrderDetail['invoices'][number];
export type PostalAddress = Order['billingAddress'];
export type SavedAddress = ResponseOf<'/api/addresses'>['addresses'][number];
export type PlaceOrderInput = RequestOf<'/api/quotes/{id}/order', 'post'>;
export type MoveInput = RequestOf<'/api/orders/{id}/status', 'post'>;

export const orderKeys = {
  all: ['orders'] as const,
  list: () => [...orderKeys.all, 'list'] as const,
  billing: () => [...orderKeys.all, 'billing'] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
  addresses: () => [...orderKeys.all, 'addresses'] as const,
};

export const ordersQuery = () => queryOptions({ queryKey: orderKeys.list(), queryFn: ({ signal }) => body(apiClient.GET('/api/orders', { signal })) });
export const billingQuery = () => queryOptions({ queryKey: orderKeys.billing(), queryFn: ({ signal }) => body(apiClient.GET('/api/billing', { signal })) });
export const orderQuery = (id: string) => queryOptions({ queryKey: orderKeys.detail(id), queryFn: ({ signal }) => body(apiClient.GET('/api/orders/{id}', { params: { path: { id } }, signal })) });
export const addressesQuery = () => queryOptions({ queryKey: orderKeys.addresses(), queryFn: ({ signal }) => body(apiClient.GET('/api/addresses', { signal })) });

export const usePlaceOrder = () =>
  useApiMutation((input: { quoteId: string; order: PlaceOrderInput }) => body(apiClient.POST('/api/quotes/{id}/order', { params: { path: { id: input.quoteId } }, body: input.order })), () => [orderKeys.all]);

const changed = (id: string) => [orderKeys.detail(id), orderKeys.list(), orderKeys.billing()];

export const useCheckout = (id: string) =>
  useApiMutation((provider: 'bank_transfer' | 'stripe') => body(apiClient.POST('/api/orders/{id}/checkout', { params: { path: { id } }, body: { provider } })), () => changed(id));
export const useRecordBankTransfer = (id: string) => useApiMutation(() => body(apiClient.POST('/api/orders/{id}/payments/bank-transfer', { params: { path: { id } } })), () => changed(id));
export const useMoveOrder = (id: string) => useApiMutation((input: MoveInput) => body(apiClient.POST('/api/orders/{id}/status', { params: { path: { id } }, body: input })), () => changed(id));
export const useRefundOrder = (id: string) => useApiMutation((reason: string) => body(apiClient.POST('/api/orders/{id}/refund', { params: { path: { id } }, body: { reason } })), () => changed(id));
