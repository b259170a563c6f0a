import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/** A stand-in for dist/web: what matters here is which address gets which file, not the app itself. */
const webDir = mkdtempSync(join(tmpdir(), 'meshvault-web-'));
const INDEX = '<!doctype html><title>Meshvault</title><div id="root"></div>';
let app: TestApp;
beforeAll(async () => {
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), INDEX);
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
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

  it('answers a missing file with a 404 problem, not with index.html', async () => {
    for (const url of ['/assets/app-9999.js', '/assets/logo', '/favicon.ico', '/wp-login.php', '/.env', '/backup.tar.gz']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
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
