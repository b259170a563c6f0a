/**
 * The keyed cache every page reads the API through (TanStack Query): a page shows what it last saw at
 * once and refreshes behind it, and a change refreshes exactly the keys it affects.
 */
import { QueryClient, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { isApiError } from './api/api-error.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A refusal is an answer, not a glitch: show it at once. Staff reads are audited, so no extra reads on focus.
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** The message to show when a query failed, or null. */
export function loadError(query: { error: unknown }): string | null {
  if (!query.error) return null;
  return isApiError(query.error) ? query.error.detail : 'Could not load this page. Try again.';
}

/**
 * A change to the server whose success refreshes the keys it names (and waits for that, so what the
 * page shows next is the new state). Call `mutateAsync` from a form action to keep its error handling.
 */
export function useApiMutation<V, R>(mutationFn: (variables: V) => Promise<R>, invalidates: (variables: V, result: R) => readonly QueryKey[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result, variables) => {
      await Promise.all(invalidates(variables, result).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
