import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookClient, isPublicAddress, newWebhookSecret, signWebhook, webhookHeaders } from './index.js';

describe('Standard Webhooks signatures', () => {
  it('reproduces the specification test vector', () => {
    // The published vector of the Standard Webhooks libraries (secret, id, timestamp, body → signature).
    const signature = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs what the independent standardwebhooks package verifies, and a new secret is whsec_ base64', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'order.placed', data: { id: 'x' } });
    const headers = webhookHeaders(secret, 'msg_1', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'order.placed', data: { id: 'x' } });
    expect(() => new Webhook(secret).verify(body.replace('x', 'y'), headers)).toThrow();
  });
});

describe('public addresses', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:8.8.8.8', 'not-an-ip'])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('the webhook client', () => {
  let server: Server;
  let port = 0;
  const received: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('refuses loopback, literal or through DNS, unless the operator allows private addresses', async () => {
    const strict = createWebhookClient({ timeoutMs: 2000 });
    const before = received.length;
    expect(await strict.send({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}' })).toMatchObject({ reached: false, refused: true });
    expect(await strict.send({ url: `http://[::1]:${port}/`, headers: {}, body: '{}' })).toMatchObject({ reached: false, refused: true });
    const lying = createWebhookClient({ timeoutMs: 2000, lookup: ((_h: string, _o: unknown, cb: (e: null, a: Array<{ address: string; family: number }>) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) });
    expect(await lying.send({ url: `http://hooks.example.com:${port}/`, headers: {}, body: '{}' })).toMatchObject({ reached: false, refused: true });
    expect(await strict.checkUrl('ftp://example.com/')).toMatch(/http/);
    expect(received.length).toBe(before);

    const open = createWebhookClient({ timeoutMs: 2000, allowPrivateAddresses: true });
    expect(await open.send({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{"a":1}' })).toMatchObject({ reached: true, status: 204 });
    expect(received.at(-1)).toBe('{"a":1}');
  });

  it('follows no redirect', async () => {
    const open = createWebhookClient({ timeoutMs: 2000, allowPrivateAddresses: true });
    const before = received.length;
    expect(await open.send({ url: `http://127.0.0.1:${port}/redirect`, headers: {}, body: '{}' })).toMatchObject({ reached: true, status: 302 });
    expect(received.length).toBe(before + 1);
  });
});
