import { tracingChannel } from 'node:diagnostics_channel';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';

type HandlerStore = { request: FastifyRequest };

export type TappedRequest = { method: string; url: string; uploadOffset: string | undefined; taken: number };

/**
 * For routes whose body stays a stream (tus POST/PATCH): counts the bytes each route handler of a
 * request `match` accepts takes from its body — taken by the handler, not merely arrived on the socket —
 * in `requests`, in arrival order. `cutNext(n)` makes the next such request break after its handler has
 * taken exactly `n` body bytes: the socket is destroyed and the body fails, as on a dropped connection.
 *
 * It listens on Fastify's `tracing:fastify.request.handler` diagnostics channel: when the handler
 * starts, the request's body stream is handed to it through a generator that counts what it yields.
 */
export function tapHandlerBodies(match: (request: FastifyRequest) => boolean) {
  const channel = tracingChannel<unknown, HandlerStore>('fastify.request.handler');
  const requests: TappedRequest[] = [];
  let cut: { bytes: number; action: (() => void) | undefined } | undefined;
  const ignore = () => {};
  const subscribers = {
    start: (store: HandlerStore) => {
      const request = store.request;
      if (!match(request) || request.body === undefined || request.body === null) return;
      const header = request.headers['upload-offset'];
      const entry: TappedRequest = { method: request.method, url: request.url, uploadOffset: Array.isArray(header) ? header[0] : header, taken: 0 };
      requests.push(entry);
      const limit = cut;
      cut = undefined;
      request.body = tapped(request.body as Readable, entry, limit?.bytes, limit?.action ?? (() => request.raw.socket.destroy()), limit?.action === undefined);
    },
    end: ignore,
    asyncStart: ignore,
    asyncEnd: ignore,
    error: ignore,
  };
  channel.subscribe(subscribers);
  return {
    requests,
    /** Breaks the connection of the next request after `bytes` body bytes; or, with `action`, runs it then and reads on. */
    cutNext(bytes: number, action?: () => void) {
      cut = { bytes, action };
    },
    /** Every body byte the handlers took, over all requests. */
    totalTaken: () => requests.reduce((sum, r) => sum + r.taken, 0),
    stop: () => channel.unsubscribe(subscribers),
  };
}

async function* tapped(body: Readable, entry: TappedRequest, limit: number | undefined, act: () => void, breaks: boolean): AsyncGenerator<Uint8Array> {
  let acted = false;
  for await (const piece of body) {
    const bytes = piece as Uint8Array;
    if (limit !== undefined && !acted && entry.taken + bytes.byteLength >= limit) {
      const before = bytes.subarray(0, limit - entry.taken);
      if (before.byteLength > 0) yield before;
      entry.taken = limit;
      acted = true;
      act();
      if (breaks) throw new Error('the test broke the connection');
      const after = bytes.subarray(before.byteLength);
      if (after.byteLength > 0) {
        entry.taken += after.byteLength;
        yield after;
      }
      continue;
    }
    entry.taken += bytes.byteLength;
    yield bytes;
  }
}
