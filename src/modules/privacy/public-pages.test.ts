import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from './test-manifests.js';

let app: TestApp;
const get = (url: string) => app.http.inject({ method: 'GET', url });

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await app.services.policy.current(); // first use: the default becomes version 1
  // Version 1 is the default; version 2 adds a processor (significant), version 3 stops honouring GPC.
  const v2 = manifestVariant((d) => {
    d.recipients.push({ id: 'print_partner', name: 'Print partner GmbH', kind: 'processor', service: 'Prints large parts for us.', categories: ['project.files', 'project.specifications'], country: 'DE', transfer_mechanism: 'not_required' });
  });
  await app.services.privacy.publish(CLI_ACTOR, v2, { requestId: 'test' });
  const v3 = manifestVariant((d) => {
    d.recipients.push({ id: 'print_partner', name: 'Print partner GmbH', kind: 'processor', service: 'Prints large parts for us.', categories: ['project.files', 'project.specifications'], country: 'DE', transfer_mechanism: 'not_required' });
    d.minimum_age = 18;
    (d['sale_and_sharing'] as { honours_gpc: boolean }).honours_gpc = false;
  });
  await app.services.privacy.publish(CLI_ACTOR, v3, { requestId: 'test' });
});
afterAll(async () => app?.dispose());

const today = () => new Date().toISOString().slice(0, 10);

describe('the public privacy pages', () => {
  it('serves the policy in force as styled HTML with contents, date and version, under the CSP', async () => {
    const res = await get('/privacy');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).toContain('<nav aria-label="Table of contents">');
    expect(res.body).toContain('<style>');
    // No inline script (the CSP allows none): only the standalone cookie banner, from this origin.
    expect(res.body.match(/<script[^>]*>/g)).toEqual(['<script src="/consent/banner.js" defer>']);
    expect(res.body).toMatch(/Last updated: \d{1,2} \w+ \d{4} · Version 3/);
    expect(res.body).toContain('Print partner GmbH');
    expect(res.body).toContain('href="/privacy/history"');
    const old = await get('/privacy?version=1');
    expect(old.body).toContain('Version 1');
    expect(old.body).not.toContain('Print partner GmbH');
    expect((await get('/privacy?version=99')).statusCode).toBe(404);
  });

  it('serves Markdown and JSON with the minimum age at the top level', async () => {
    const md = await get('/privacy.md');
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toMatch(/^# Privacy policy of Meshvault operator/);
    expect(md.body).toContain('Version 3');
    const json = await get('/privacy.json');
    const body = json.json<{ version: number; minimum_age: number; last_updated: string; manifest: { minimum_age: number; recipients: Array<{ id: string }> } }>();
    expect(body).toMatchObject({ version: 3, minimum_age: 18, last_updated: today() });
    expect(body.manifest.minimum_age).toBe(18);
    expect(body.manifest.recipients.map((r) => r.id)).toContain('print_partner');
  });

  it('publishes the JSON Schema of the manifest', async () => {
    const res = await get('/privacy/manifest.schema.json');
    expect(res.headers['content-type']).toContain('application/schema+json');
    expect(res.json()).toMatchObject({ title: 'Meshvault privacy manifest', additionalProperties: false });
  });

  it('lists every version on the history page and describes the difference between two in words', async () => {
    const page = await get('/privacy/history');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<script[^>]*>/g)).toEqual(['<script src="/consent/banner.js" defer>']);
    for (const v of [1, 2, 3]) expect(page.body).toContain(`<a href="/privacy?version=${v}">Version ${v}</a>`);
    expect(page.body).toContain('First version');
    expect(page.body).toContain('Significant change');
    expect(page.body).toContain('Added the recipient &#34;Print partner GmbH&#34;.');
    expect(page.body).toContain('<form method="get" action="/privacy/history"');
    const diff = await get('/privacy/history?from=1&to=3');
    expect(diff.body).toContain('What changed from version 1 to version 3');
    expect(diff.body).toContain('The minimum age changed from 16 to 18.');
    expect(diff.body).toContain('stops honouring the Global Privacy Control signal');
    expect((await get('/privacy/history?from=1&to=9')).statusCode).toBe(404);
  });

  it('answers the same in JSON under /api/privacy', async () => {
    const versions = (await get('/api/privacy/versions')).json<{ versions: Array<{ version: number; changeLevel: string }> }>().versions;
    expect(versions.map((v) => [v.version, v.changeLevel])).toEqual([
      [3, 'significant'],
      [2, 'significant'],
      [1, 'initial'],
    ]);
    const diff = await get('/api/privacy/diff?from=2&to=3');
    expect(diff.json()).toMatchObject({
      from: 2,
      to: 3,
      level: 'significant',
      sentences: ['The minimum age changed from 16 to 18.', 'The statements on selling, sharing and the Global Privacy Control changed.'],
      reasons: ['stops honouring the Global Privacy Control signal'],
    });
    expect((await get('/api/privacy/diff?from=2')).statusCode).toBe(400);
  });

  it('derives /.well-known/gpc.json from the manifest in force', async () => {
    expect((await get('/.well-known/gpc.json')).json()).toEqual({ gpc: false, lastUpdate: today() });
    await app.services.privacy.publish(CLI_ACTOR, manifestVariant((d) => (d.minimum_age = 18)), { requestId: 'test' });
    expect((await get('/.well-known/gpc.json')).json()).toEqual({ gpc: true, lastUpdate: today() });
  });
});
