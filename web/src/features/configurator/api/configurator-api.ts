/** The product configurator (src/modules/configurator routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import { apiRawRequest } from '../../../lib/api/raw-request.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';

export type Product = ResponseOf<'/api/configurator/products/{id}'>;
export type ProductInput = RequestOf<'/api/configurator/products', 'post'>;
export type Configuration = ResponseOf<'/api/configurations/{id}'>;
export type Share = ResponseOf<'/api/configurations/{id}/shares'>['shares'][number];
export type Shared = ResponseOf<'/api/shared/configurations/{token}'>;
export type OrderInput = RequestOf<'/api/configurations/{id}/order', 'post'>;
export type Selections = Record<string, string>;

export const configuratorKeys = {
  all: ['configurator'] as const,
  products: () => [...configuratorKeys.all, 'products'] as const,
  product: (id: string) => [...configuratorKeys.all, 'product', id] as const,
  price: (id: string, selections: Selections) => [...configuratorKeys.all, 'price', id, selections] as const,
  configurations: () => [...configuratorKeys.all, 'configurations'] as const,
  configuration: (id: string) => [...configuratorKeys.all, 'configuration', id] as const,
  shares: (id: string) => [...configuratorKeys.all, 'shares', id] as const,
  shared: (token: string) => [...configuratorKeys.all, 'shared', token] as const,
};

export const productsQuery = () => queryOptions({ queryKey: configuratorKeys.products(), queryFn: ({ signal }) => body(apiClient.GET('/api/configurator/products', { signal })) });
export const productQuery = (id: string) => queryOptions({ queryKey: configuratorKeys.product(id), queryFn: ({ signal }) => body(apiClient.GET('/api/configurator/products/{id}', { params: { path: { id } }, signal })) });
export const configurationsQuery = () => queryOptions({ queryKey: configuratorKeys.configurations(), queryFn: ({ signal }) => body(apiClient.GET('/api/configurations', { signal })) });
export const configurationQuery = (id: string) =>
  queryOptions({ queryKey: configuratorKeys.configuration(id), queryFn: ({ signal }) => body(apiClient.GET('/api/configurations/{id}', { params: { path: { id } }, signal })) });
export const sharesQuery = (id: string) => queryOptions({ queryKey: configuratorKeys.shares(id), queryFn: ({ signal }) => body(apiClient.GET('/api/configurations/{id}/shares', { params: { path: { id } }, signal })) });
export const sharedQuery = (token: string) =>
  queryOptions({ queryKey: configuratorKeys.shared(token), retry: false, queryFn: ({ signal }) => body(apiClient.GET('/api/shared/configurations/{token}', { params: { path: { token } }, signal })) });

/** The server's price of a selection: the authority; a refusal (422) names the problems. */
export const priceQuery = (id: string, selections: Selections) =>
  queryOptions({
    queryKey: configuratorKeys.price(id, selections),
    retry: false,
    queryFn: ({ signal }) => body(apiClient.POST('/api/configurator/products/{id}/price', { params: { path: { id } }, body: { selections }, signal })),
  });

export const useDefineProduct = () => useApiMutation((input: ProductInput) => body(apiClient.POST('/api/configurator/products', { body: input })), () => [configuratorKeys.all]);
export const useUpdateProduct = (id: string) =>
  useApiMutation((input: ProductInput) => body(apiClient.PUT('/api/configurator/products/{id}', { params: { path: { id } }, body: input })), () => [configuratorKeys.all]);
export const useProductStatus = (id: string) =>
  useApiMutation((status: Product['status']) => body(apiClient.POST('/api/configurator/products/{id}/status', { params: { path: { id } }, body: { status } })), () => [configuratorKeys.all]);

export const useSaveConfiguration = () =>
  useApiMutation((input: { productId: string; name: string; selections: Selections }) => body(apiClient.POST('/api/configurations', { body: input })), () => [configuratorKeys.configurations()]);
export const useUpdateConfiguration = (id: string) =>
  useApiMutation(
    (input: { name: string; selections: Selections }) => body(apiClient.PUT('/api/configurations/{id}', { params: { path: { id } }, body: input })),
    () => [configuratorKeys.configurations(), configuratorKeys.configuration(id)],
  );
export const useDeleteConfiguration = () => useApiMutation((id: string) => body(apiClient.DELETE('/api/configurations/{id}', { params: { path: { id } } })), () => [configuratorKeys.configurations()]);
export const useCreateShare = (id: string) => useApiMutation(() => body(apiClient.POST('/api/configurations/{id}/shares', { params: { path: { id } } })), () => [configuratorKeys.shares(id)]);
export const useRevokeShare = (id: string) =>
  useApiMutation((shareId: string) => body(apiClient.DELETE('/api/configurations/{id}/shares/{shareId}', { params: { path: { id, shareId } } })), () => [configuratorKeys.shares(id)]);
export const useOrderConfiguration = (id: string) =>
  useApiMutation((input: OrderInput) => body(apiClient.POST('/api/configurations/{id}/order', { params: { path: { id } }, body: input })), () => [['orders']]);

/** Where a model of a product is read: through the product for signed-in people, through the link for a shared one. */
export type ModelSource = { kind: 'product'; productId: string } | { kind: 'shared'; token: string };

export async function downloadModel(source: ModelSource, fileId: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const path =
    source.kind === 'product'
      ? `/api/configurator/products/${encodeURIComponent(source.productId)}/models/${encodeURIComponent(fileId)}`
      : `/api/shared/configurations/${encodeURIComponent(source.token)}/models/${encodeURIComponent(fileId)}`;
  const response = await apiRawRequest(path, { method: 'GET', ...(signal ? { signal } : {}) });
  return response.arrayBuffer();
}
