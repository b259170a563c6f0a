import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import type { ResponseOf } from '../../../lib/api/types.js';

export type AnalyticsSummary = ResponseOf<'/api/analytics/summary'>;

export const analyticsSummaryQuery = (days: number) =>
  queryOptions({ queryKey: ['analytics-summary', days] as const, queryFn: ({ signal }) => body(apiClient.GET('/api/analytics/summary', { params: { query: { days } }, signal })) });
