import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/** A stand-in for dist/web: what matters here is which address gets which file, not the app itself. */
const webDir = mkdtempSync(join(tmpdir(), 'meshvault-web-'));
const INDEX = '<!doctype html><title>Meshvault</title><div id="root"></div>';
const BIG = `export const rows = [${Array.from({ length: 400 }, (_, i) => `'row ${i}'`).join(', ')}];\n`;
let app: TestApp;
beforeAll(async () => {
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), INDEX);
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  // As the build leaves a larger file: its Brotli and gzip copies beside it.
  writeFileSync(join(webDir, 'assets', 'big-5678.js'), BIG);
  writeFileSync(join(webDir, 'assets', 'big-5678.js.br'), brotliCompressSync(BIG));
  writeFileSync(join(webDir, 'assets', 'big-5678.js.gz'), gzipSync(BIG));
  app = await createTestApp({}, { webDir });
});
afterAll(async () => {
  await app?.dispose();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, method: 'GET' | 'POST' = 'GET') => app.http.inject({ method, url });

describe('the web app', () => {
  it('answers its client-side routes with index.html, and its files with themselves', async () => {
    for (const url of ['/', '/projects/5d1c7c8e-1111-4111-8111-111111111111', '/account/privacy?tab=1']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
    }
    expect((await get('/assets/app-1234.js')).body).toBe('console.log(1)');
  });

  it('answers /index.html and HEAD requests as it answers GET /', async () => {
    expect((await get('/index.html')).body).toBe(INDEX);
    const head = await app.http.inject({ method: 'HEAD', url: '/assets/app-1234.js' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log(1)'.length));
    expect(head.body).toBe('');
  });

  it('serves nothing from outside the assets folder, nor a folder or a dotfile in it: 404, as for a missing file', async () => {
    writeFileSync(join(webDir, 'assets', '.secret'), 'hidden');
    for (const url of ['/assets/..%2findex.html', '/assets/..%5c..%5cetc%5cpasswd', '/assets/.secret', '/assets/', '/assets/%2e%2e%2findex.html']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    // Dot segments are resolved before routing: this one asks for /etc/passwd, a client-side route.
    expect((await get('/assets/%2e%2e/%2e%2e/etc/passwd')).body).toBe(INDEX);
  });

  it('answers a missing file with a 404 problem, not with index.html', async () => {
    for (const url of ['/assets/app-9999.js', '/assets/logo', '/favicon.ico', '/wp-login.php', '/.env', '/backup.tar.gz']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('sends the compressed copy the browser accepts, and the file itself to one that accepts none', async () => {
    const asked = (encoding?: string) => app.http.inject({ method: 'GET', url: '/assets/big-5678.js', headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });
    const br = await asked('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG);
    const gz = await asked('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG);
    for (const encoding of [undefined, 'identity', 'compress']) {
      const plain = await asked(encoding);
      expect(plain.headers['content-encoding'], encoding).toBeUndefined();
      expect(plain.body, encoding).toBe(BIG);
    }
  });

  it('lets browsers keep the content-named assets for a year, and check the page that names them on every visit', async () => {
    for (const url of ['/assets/app-1234.js', '/assets/big-5678.js']) expect((await get(url)).headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/projects/5d1c7c8e-1111-4111-8111-111111111111']) {
      const page = await get(url);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      // Checked, not fetched again: an unchanged page answers 304.
      const again = await app.http.inject({ method: 'GET', url, headers: { 'if-none-match': String(page.headers.etag) } });
      expect(again.statusCode, url).toBe(304);
    }
  });

  it('tells crawlers to stay out of the portal', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toBe('User-agent: *\nDisallow: /\n');
  });

  it('does not make every address look like it accepts GET', async () => {
    const res = await get('/projects', 'POST');
    expect(res.statusCode).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });

  it('leaves API addresses to the API: wrong methods are 405, over-long parameters 414', async () => {
    // The catch-all matches these GETs first and hands them on; Fastify then never sees its own errors.
    const wrongMethod = await get('/api/auth/sign-in');
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    const tooLong = await get(`/api/projects/${'a'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json()).toMatchObject({ code: 'uri_too_long' });
  });
});
