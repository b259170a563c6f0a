import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';

/**
 * Where the rate limits count requests: one counter per key (already prefixed with its route) and
 * window, shared by every process that uses the same store. `current` is the count including this
 * request; `ttl` the milliseconds left in its window.
 */
export type RateLimitStore = {
  incr(key: string, timeWindowMs: number, max: number): Promise<{ current: number; ttl: number }>;
};

/** The store as the @fastify/rate-limit plugin wants it: a class whose children prefix their route. */
export function pluginStore(store: RateLimitStore): FastifyRateLimitStoreCtor {
  class Store implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number) {
      store.incr(`${this.prefix}${key}`, timeWindow, max).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child(routeOptions: { routeInfo?: { method?: unknown; url?: unknown } } & FastifyRateLimitOptions): FastifyRateLimitStore {
      const route = routeOptions.routeInfo ?? {};
      const part = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : '');
      return new Store(routeOptions, `${this.prefix}${part(route.method)}${part(route.url)}-`);
    }
  }
  return Store;
}
