import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from './api/client.js';

/**
 * The visitor's or person's consent state (GET /api/consent), one cache entry for the whole app: the
 * consent feature shows and changes it, the analytics client reads it before sending anything.
 */
export const consentQuery = () => queryOptions({ queryKey: ['consent'] as const, queryFn: ({ signal }) => body(apiClient.GET('/api/consent', { signal })) });
