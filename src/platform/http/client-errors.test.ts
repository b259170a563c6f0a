import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
let port: number;
beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_PUBLIC_URL: 'https://portal.example.com' });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => app?.dispose());

/** Sends bytes no HTTP client library would, and reads the answer until the server closes the connection. */
function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.end(request);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { statusLine, headers, problem: JSON.parse(body) as { status: number; code: string; type: string } };
}

describe('requests Node cannot parse', () => {
  it('answer headers over the size limit with a 431 problem and close', async () => {
    const answer = parse(await rawExchange(`GET /api/me HTTP/1.1\r\nHost: x\r\nCookie: big=${'a'.repeat(20_000)}\r\n\r\n`));
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.problem).toMatchObject({ status: 431, code: 'request_header_fields_too_large', type: 'https://portal.example.com/problems/request_header_fields_too_large' });
  });

  it('answer malformed HTTP, and a NUL byte in a header, with a 400 problem', async () => {
    for (const request of ['NOT HTTP AT ALL\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\n\r\n']) {
      const answer = parse(await rawExchange(request));
      expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.problem).toMatchObject({ status: 400, code: 'bad_request' });
    }
  });
});
