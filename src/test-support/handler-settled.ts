import { tracingChannel } from 'node:diagnostics_channel';
import type { FastifyRequest } from 'fastify';

type HandlerStore = { request: FastifyRequest; async: boolean };

/**
 * Resolves once Fastify has settled the route handler of the next request `match` accepts, also when
 * its client went away midway: whatever the server did for that request is then done. Call it before
 * sending the request. It listens on Fastify's `tracing:fastify.request.handler` diagnostics channel,
 * so a test waits for the server itself instead of polling what it will have done.
 */
export function handlerSettled(match: (request: FastifyRequest) => boolean): Promise<void> {
  const channel = tracingChannel<unknown, HandlerStore>('fastify.request.handler');
  return new Promise<void>((resolve) => {
    const done = (store: HandlerStore) => {
      if (!match(store.request)) return;
      channel.unsubscribe(subscribers);
      resolve();
    };
    const ignore = () => {};
    const subscribers = {
      start: ignore,
      asyncStart: ignore,
      error: ignore,
      // A synchronous handler ends at `end`; a promise-returning one at `asyncEnd`, after its reply.
      end: (store: HandlerStore) => {
        if (!store.async) done(store);
      },
      asyncEnd: done,
    };
    channel.subscribe(subscribers);
  });
}
