/** Loads data for a page: loading, the data or the error, and a reload for after changes. */
import { useCallback, useEffect, useState } from 'react';
import { isApiError } from './api-client.js';

export type Resource<T> =
  | { status: 'loading'; data: T | undefined; error: null; reload: () => void }
  | { status: 'ready'; data: T; error: null; reload: () => void }
  | { status: 'error'; data: T | undefined; error: string; reload: () => void };

type Loaded<T> = { status: 'loading' | 'ready'; data: T | undefined; error: null } | { status: 'error'; data: T | undefined; error: string };

export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: undefined, error: null });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: 'error', data: previous.data, error: isApiError(error) ? error.detail : 'Could not load this page. Try again.' }));
      },
    );
    return () => controller.abort();
    // The caller lists what `load` depends on, as with useEffect.
  }, [...deps, version]);

  return { ...state, reload } as Resource<T>;
}
