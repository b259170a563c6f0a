import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { RequestOf, ResponseOf } from '../../../lib/api/types.js';

export type Preferences = ResponseOf<'/api/me/marketing'>;
export type SetPreferences = RequestOf<'/api/me/marketing', 'put'>;
export type Campaign = ResponseOf<'/api/marketing/campaigns/{id}'>;
export type CampaignInput = RequestOf<'/api/marketing/campaigns', 'post'>;

export const preferencesQuery = () => queryOptions({ queryKey: ['marketing-preferences'] as const, queryFn: ({ signal }) => body(apiClient.GET('/api/me/marketing', { signal })) });
export const savePreferences = (input: SetPreferences) => body(apiClient.PUT('/api/me/marketing', { body: input }));

export const campaignsQuery = () =>
  queryOptions({
    queryKey: ['marketing-campaigns'] as const,
    queryFn: ({ signal }) => body(apiClient.GET('/api/marketing/campaigns', { signal })),
    // Progress of a campaign being sent, shown as it moves.
    refetchInterval: (query) => (query.state.data?.campaigns.some((c) => c.status === 'sending') ? 2000 : false),
  });
export const createCampaign = (input: CampaignInput) => body(apiClient.POST('/api/marketing/campaigns', { body: input }));
export const updateCampaign = (id: string, input: CampaignInput) => body(apiClient.PUT('/api/marketing/campaigns/{id}', { params: { path: { id } }, body: input }));
export const previewCampaign = (id: string) => body(apiClient.GET('/api/marketing/campaigns/{id}/preview', { params: { path: { id } } }));
export const sendCampaign = (id: string) => body(apiClient.POST('/api/marketing/campaigns/{id}/send', { params: { path: { id } } }));
export const contactListUrl = (id: string) => `/api/marketing/campaigns/${id}/contacts.csv`;
