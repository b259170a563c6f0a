/**
 * Which features the privacy policy in force switches on (GET /api/features): pages, navigation and
 * links of a feature that is off are not shown.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, body } from './api/client.js';
export const featuresQuery = () =>
  queryOptions({
    queryKey: ['features'],
    queryFn: ({ signal }) => body(apiClient.GET('/api/features', { signal })),
    // A policy changes rarely; a page that finds a feature gone gets feature_off and says why.
    staleTime: 60_000,
  });

export type Features = {
  /** False until the answer came: a page of a feature waits for it rather than show or redirect too early. */
  loaded: boolean;
  /** True while loading, so no link flickers away; the server refuses anyway. */
  isOn(id: string): boolean;
  reasonOff(id: string): string | null;
  /** Whether the policy declares a category (such as order.shipping): forms ask only for its fields. False while loading. */
  isDeclared(category: string): boolean;
};

export function useFeatures(): Features {
  const { data } = useQuery(featuresQuery());
  return {
    loaded: data !== undefined,
    isOn: (id) => data?.features.find((f) => f.id === id)?.on ?? true,
    reasonOff: (id) => data?.features.find((f) => f.id === id)?.reason ?? null,
    isDeclared: (category) => data?.declaredCategories.includes(category) ?? false,
  };
}
