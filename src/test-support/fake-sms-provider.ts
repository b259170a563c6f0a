import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedSms = { to: string; text: string; authorization: string | undefined; idempotencyKey: string | undefined };

/** A local HTTP SMS provider for tests: it keeps what it is sent and answers an id; `failNext` makes it refuse once. */
export async function startFakeSmsProvider() {
  const received: ReceivedSms[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"busy"}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
      received.push({ ...body, authorization: req.headers.authorization, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sms-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`,
    received,
    failNext: (count = 1) => {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
