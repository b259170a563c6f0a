import { tracingChannel } from 'node:diagnostics_channel';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';

type HandlerStore = { request: FastifyRequest };

/**
 * For a route whose body stays a stream (tus PATCH): `received` resolves once the route handler of the
 * next request `match` accepts has taken `bytes` bytes of that stream — taken from it, not merely
 * arrived on the socket, so a connection dropped after that loses none of them. Call it before sending
 * the request; `cancel()` stops listening when the request is answered before that.
 *
 * It listens on Fastify's `tracing:fastify.request.handler` diagnostics channel: when the handler
 * starts, the request's body stream is handed to it through a generator that counts what it yields.
 */
export function handlerReceived(match: (request: FastifyRequest) => boolean, bytes: number): { received: Promise<void>; cancel(): void } {
  const channel = tracingChannel<unknown, HandlerStore>('fastify.request.handler');
  let resolveReceived: () => void = () => {};
  const received = new Promise<void>((resolve) => (resolveReceived = resolve));
  const ignore = () => {};
  const subscribers = {
    start: (store: HandlerStore) => {
      if (!match(store.request)) return;
      channel.unsubscribe(subscribers);
      store.request.body = counted(store.request.body as Readable, bytes, resolveReceived);
    },
    end: ignore,
    asyncStart: ignore,
    asyncEnd: ignore,
    error: ignore,
  };
  channel.subscribe(subscribers);
  return { received, cancel: () => channel.unsubscribe(subscribers) };
}

/** Yields the stream's chunks; once the consumer asks for more after `bytes` of them, calls `reached`. */
async function* counted(body: Readable, bytes: number, reached: () => void): AsyncGenerator<Uint8Array> {
  let taken = 0;
  for await (const chunk of body) {
    yield chunk as Uint8Array;
    taken += (chunk as Uint8Array).byteLength;
    if (taken >= bytes) reached();
  }
}
