/**
 * A drain closes the server while requests are in flight: their answers must tell the client to close
 * the connection, or a keep-alive connection keeps the process alive until its timeout (72 s) after
 * the last answer went out.
 */
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/index.js';
import { createHttpServer } from './server.js';

describe('closing the server', () => {
  it('answers the requests in flight with Connection: close, and the close completes', async () => {
    const server = await createHttpServer({ logger: createLogger('silent'), title: 't', version: '0', publicUrl: 'http://localhost' });
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    server.get('/slow', async () => {
      arrived();
      await released;
      return { ok: true };
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    const agent = new Agent({ keepAlive: true });
    try {
      const before = await get(agent, port, '/healthz-not-here');
      // An answer before the close keeps its connection alive, as usual.
      expect(before.connection).toBe('keep-alive');
      const inFlight = get(agent, port, '/slow');
      await requestArrived;
      const closed = server.close();
      // The answer goes out once the close has begun (Node's server has stopped listening).
      while (server.server.listening) await new Promise((resolve) => setImmediate(resolve));
      release();
      const answer = await inFlight;
      expect(answer.status).toBe(200);
      expect(answer.connection).toBe('close');
      await closed;
      expect(server.server.listening).toBe(false);
    } finally {
      agent.destroy();
    }
  });
});

function get(agent: Agent, port: number, path: string): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    })
      .on('error', reject)
      .end();
  });
}
