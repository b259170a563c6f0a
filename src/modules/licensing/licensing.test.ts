import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { DESKTOP_PREFIX } from './desktop.routes.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { noLicensingManifest, setUpLicensing, type LicensingSetup } from './licensing-test-support.js';

let app: TestApp;
let s: LicensingSetup;

const desktop = (method: 'GET' | 'POST' | 'DELETE', path: string, opts: { auth?: string; body?: unknown; ip?: string } = {}) =>
  app.http.inject({ method, url: `${DESKTOP_PREFIX}${path}`, headers: opts.auth ? { authorization: opts.auth } : {}, ...(opts.body !== undefined ? { payload: opts.body as object } : {}), ...(opts.ip ? { remoteAddress: opts.ip } : {}) });
const validate = async (key: string, scope?: Record<string, string>) => {
  const res = await desktop('POST', '/licenses/actions/validate-key', { body: { key, ...(scope ? { scope } : {}) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ meta: { valid: boolean; code: string } }>().meta;
};
const activate = (key: string, fingerprint: string) => desktop('POST', '/machines', { auth: `License ${key}`, body: { fingerprint, name: `Workstation ${fingerprint}`, platform: 'linux-x64', version: '1.0.0' } });

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

describe('the desktop API follows the policy in force', () => {
  it('is off under a policy that declares no licensing data (seed 004)', async () => {
    await putPolicyInForce(app, noLicensingManifest());
    const res = await desktop('POST', '/licenses/actions/validate-key', { body: { key: 'X' } });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string; feature: string }>()).toMatchObject({ code: 'feature_off', feature: 'licensing' });
    expect((await desktop('GET', '/public-key')).statusCode).toBe(404);
  });

  it('is on under seed 003’s policy', async () => {
    s = await setUpLicensing(app);
    expect((await desktop('GET', '/public-key')).statusCode).toBe(200);
  });
});

describe('a desktop app’s own pages (an Electron renderer) may call it', () => {
  const fromApp = { origin: 'file://', 'sec-fetch-site': 'cross-site' };

  it('answers a call from another origin, readable by it, without credentials', async () => {
    const res = await app.http.inject({ method: 'POST', url: `${DESKTOP_PREFIX}/licenses/actions/validate-key`, headers: fromApp, payload: { key: s.key } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers the preflight of a call that sends its licence key', async () => {
    const res = await app.http.inject({ method: 'OPTIONS', url: `${DESKTOP_PREFIX}/machines`, headers: { ...fromApp, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('still refuses the same origin on the browser’s cookie-authenticated routes', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', headers: fromApp, payload: { email: 'x@example.test', password: 'whatever it is' } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('validation, activation and heartbeats', () => {
  it('answers NOT_FOUND, PRODUCT_SCOPE_MISMATCH and NO_MACHINE before any activation', async () => {
    expect(await validate('NOT-A-KEY')).toEqual(expect.objectContaining({ valid: false, code: 'NOT_FOUND' }));
    expect((await validate(s.key)).code).toBe('VALID');
    expect((await validate(s.key, { product: 'other-product' })).code).toBe('PRODUCT_SCOPE_MISMATCH');
    expect((await validate(s.key, { fingerprint: 'machine-aaaa' })).code).toBe('NO_MACHINE');
  });

  it('activates up to the machine limit and refuses the next with TOO_MANY_MACHINES', async () => {
    expect((await activate(s.key, 'machine-aaaa')).statusCode).toBe(201);
    expect((await activate(s.key, 'machine-bbbb')).statusCode).toBe(201);
    const third = await activate(s.key, 'machine-cccc');
    expect(third.statusCode).toBe(422);
    expect(third.json<{ licensingCode: string }>().licensingCode).toBe('TOO_MANY_MACHINES');
    expect((await activate(s.key, 'machine-aaaa')).statusCode).toBe(409);
    expect((await validate(s.key, { fingerprint: 'machine-aaaa' })).code).toBe('VALID');
    expect((await validate(s.key, { fingerprint: 'machine-cccc' })).code).toBe('FINGERPRINT_SCOPE_MISMATCH');
    expect((await auditEntries(app, 'licensing.machine_activated')).length).toBe(2);
  });

  it('stores the machine identifier only as a keyed hash', async () => {
    const rows = await app.db.selectFrom('licence_machines').select(['fingerprint', 'name']).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.fingerprint).not.toContain('machine-');
      expect(row.fingerprint).toMatch(/^[\w-]{43}$/);
    }
  });

  it('refuses a wrong key or token, and a machine token reaches only its own machine', async () => {
    const machine = (await activate(s.key, 'machine-bbbb-2')).json<unknown>();
    expect(machine).toMatchObject({ licensingCode: 'TOO_MANY_MACHINES' });
    expect((await desktop('POST', '/machines', { auth: 'License WRONG', body: { fingerprint: 'machine-dddd' } })).statusCode).toBe(401);
    expect((await desktop('POST', '/machines', { body: { fingerprint: 'machine-dddd' } })).statusCode).toBe(401);
  });

  it('keeps a machine alive while it pings, and reports HEARTBEAT_DEAD once the interval passes without one', async () => {
    const fresh = await setUpLicensing(app, { code: 'heartbeat-app', heartbeatSeconds: 600 });
    const activated = await activate(fresh.key, 'machine-heart');
    const { machine, token } = activated.json<{ machine: { id: string; heartbeatStatus: string }; token: string }>();
    expect(machine.heartbeatStatus).toBe('ALIVE');
    app.clock.advance(500_000);
    const ping = await desktop('POST', `/machines/${machine.id}/actions/ping`, { auth: `Bearer ${token}` });
    expect(ping.statusCode, ping.body).toBe(200);
    app.clock.advance(500_000);
    expect((await validate(fresh.key, { fingerprint: 'machine-heart' })).code).toBe('VALID');
    app.clock.advance(200_000);
    expect((await validate(fresh.key, { fingerprint: 'machine-heart' })).code).toBe('HEARTBEAT_DEAD');
    const late = await desktop('POST', `/machines/${machine.id}/actions/ping`, { auth: `Bearer ${token}` });
    expect(late.statusCode).toBe(403);
    expect(late.json<{ licensingCode: string }>().licensingCode).toBe('HEARTBEAT_DEAD');
    // Deactivating and activating again brings the machine back.
    expect((await desktop('DELETE', `/machines/${machine.id}`, { auth: `License ${fresh.key}` })).statusCode).toBe(204);
    expect((await activate(fresh.key, 'machine-heart')).statusCode).toBe(201);
    expect((await validate(fresh.key, { fingerprint: 'machine-heart' })).code).toBe('VALID');
  });
});

describe('node-locked licences and rate limits', () => {
  it('lets a node-locked licence run on one machine only, whatever its policy’s number', async () => {
    const locked = await setUpLicensing(app, { code: 'locked-app', maxMachines: 5 });
    await app.db.updateTable('licensing_policies').set({ floating: false }).where('id', '=', locked.policyId).execute();
    expect((await activate(locked.key, 'machine-only')).statusCode).toBe(201);
    expect((await activate(locked.key, 'machine-second')).json<{ licensingCode: string; maxMachines: number }>()).toMatchObject({ licensingCode: 'TOO_MANY_MACHINES', maxMachines: 1 });
  });

  it('limits the desktop API per address, apart from the browser’s limits', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 120; i++) expect((await desktop('POST', '/licenses/actions/validate-key', { body: { key: 'X' }, ip })).statusCode).toBe(200);
    const limited = await desktop('POST', '/licenses/actions/validate-key', { body: { key: 'X' }, ip });
    expect(limited.statusCode).toBe(429);
    // Another address is not affected.
    expect((await desktop('POST', '/licenses/actions/validate-key', { body: { key: 'X' }, ip: '198.51.100.8' })).statusCode).toBe(200);
  });
});

describe('staff actions on licences', () => {
  it('suspend, reinstate, extend and revoke, each audited', async () => {
    const post = (path: string, body?: unknown) => s.admin.c.post(`/api/licensing/licences/${s.licenceId}/${path}`, body);
    expect((await post('suspend')).statusCode).toBe(200);
    expect((await validate(s.key)).code).toBe('SUSPENDED');
    expect((await activate(s.key, 'machine-eeee')).json<{ licensingCode: string }>().licensingCode).toBe('SUSPENDED');
    expect((await post('reinstate')).statusCode).toBe(200);
    expect((await validate(s.key)).code).toBe('VALID');
    expect((await post('extend', { expiresAt: new Date(app.clock.now().getTime() - 1000).toISOString() })).statusCode).toBe(200);
    expect((await validate(s.key)).code).toBe('EXPIRED');
    expect((await post('extend', { expiresAt: new Date(app.clock.now().getTime() + 86_400_000).toISOString() })).statusCode).toBe(200);
    expect((await validate(s.key)).code).toBe('VALID');
    expect((await post('revoke')).statusCode).toBe(200);
    expect((await validate(s.key)).code).toBe('REVOKED');
    expect(await app.db.selectFrom('licence_machines').where('licence_id', '=', s.licenceId).select('id').execute()).toEqual([]);
    for (const action of ['suspended', 'reinstated', 'extended', 'revoked']) expect((await auditEntries(app, `licensing.licence_${action}`, s.licenceId)).length).toBeGreaterThan(0);
    expect((await post('reinstate')).statusCode).toBe(409);
  });

  it('are for admins only, and a staff listing of licences is audited', async () => {
    const staff = await signedIn(app, 'staff');
    expect((await staff.c.post(`/api/licensing/licences/${s.licenceId}/suspend`)).statusCode).toBe(403);
    expect((await s.customer.c.get('/api/licensing/licences')).statusCode).toBe(403);
    const list = await s.admin.c.get('/api/licensing/licences');
    expect(list.statusCode).toBe(200);
    expect((await auditEntries(app, 'licensing.licences_read_by_staff')).length).toBe(1);
  });

  it('refuses bad input with a problem and changes nothing', async () => {
    const before = await app.db.selectFrom('licences').select('id').execute();
    const bad = await s.admin.c.post('/api/licensing/licences', { policyId: s.policyId, ownerEmail: 'nobody@example.test' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await s.admin.c.post('/api/licensing/licences', { policyId: 'nope', ownerEmail: s.customer.email })).statusCode).toBe(400);
    expect(await app.db.selectFrom('licences').select('id').execute()).toHaveLength(before.length);
  });
});

describe('update checks', () => {
  let u: LicensingSetup;
  let token: string;

  beforeAll(async () => {
    u = await setUpLicensing(app, { code: 'update-app' });
    token = (await activate(u.key, 'machine-update')).json<{ token: string }>().token;
    const publish = async (version: string, channel: string, platform = 'linux-x64') => {
      const res = await u.admin.c.post('/api/licensing/releases', { productId: u.productId, version, channel, platform, notes: `Notes ${version}`, artifactUrl: `https://cdn.example.test/app-${version}-${platform}.tar.gz` });
      expect(res.statusCode, res.body).toBe(201);
    };
    await publish('1.0.0', 'stable');
    await publish('1.1.0', 'stable');
    await publish('1.10.0', 'stable', 'windows-x64');
    await publish('1.2.0-beta.1', 'beta');
  });

  const upgrade = (query: string, auth = `Bearer ${token}`) => desktop('GET', `/releases/actions/upgrade?${query}`, { auth });
  type Next = { next: { version: string; download: { url: string } } | null };

  it('offers the newest release newer than the version sent, by semver, for the channel and platform', async () => {
    expect((await upgrade('version=1.0.0&platform=linux-x64')).json<Next>().next?.version).toBe('1.1.0');
    expect((await upgrade('version=1.0.0&platform=linux-x64&channel=beta')).json<Next>().next?.version).toBe('1.2.0-beta.1');
    expect((await upgrade('version=1.1.0&platform=linux-x64')).json<Next>().next).toBeNull();
    expect((await upgrade('version=1.9.0&platform=windows-x64', `License ${u.key}`)).json<Next>().next?.version).toBe('1.10.0');
    expect((await upgrade('version=latest&platform=linux-x64')).statusCode).toBe(400);
    // The version a machine runs is recorded on it, and the change audited.
    expect((await app.db.selectFrom('licence_machines').select('app_version').where('licence_id', '=', u.licenceId).executeTakeFirstOrThrow()).app_version).toBe('1.1.0');
    expect((await auditEntries(app, 'licensing.app_version_recorded')).length).toBeGreaterThan(0);
  });

  it('gives a signed download link that redirects to the artifact until it expires', async () => {
    const url = new URL((await upgrade('version=1.0.0&platform=linux-x64')).json<Next>().next?.download.url ?? '');
    const follow = (u2: string) => app.http.inject({ method: 'GET', url: u2 });
    const ok = await follow(url.pathname + url.search);
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe('https://cdn.example.test/app-1.1.0-linux-x64.tar.gz');
    const tampered = url.pathname + url.search.replace(/expires=(\d+)/, (_m, n: string) => `expires=${Number(n) + 1}`);
    expect((await follow(tampered)).statusCode).toBe(403);
    app.clock.advance(2 * 3600_000);
    expect((await follow(url.pathname + url.search)).statusCode).toBe(403);
  });
});

describe('the desktop API takes nothing beyond its schemas', () => {
  it('refuses an unknown key in every body, and a body over the limit, changing nothing', async () => {
    const fresh = await setUpLicensing(app, { code: 'strict-app' });
    const { machine, token } = (await activate(fresh.key, 'machine-strict')).json<{ machine: { id: string }; token: string }>();
    const auth = `Bearer ${token}`;
    const before = await app.db.selectFrom('licence_machines').selectAll().orderBy('id').execute();
    const bodies: Array<[method: 'POST' | 'DELETE', path: string, body: Record<string, unknown>]> = [
      ['POST', '/licenses/actions/validate-key', { key: fresh.key, project: 'model.stl' }],
      ['POST', '/licenses/actions/validate-key', { key: fresh.key, scope: { fingerprint: 'machine-strict', file: 'x' } }],
      ['POST', '/machines', { fingerprint: 'machine-new1', projectData: 'solid x' }],
      ['DELETE', `/machines/${machine.id}`, { file: 'x' }],
      ['POST', `/machines/${machine.id}/actions/ping`, { file: 'x' }],
      ['POST', `/machines/${machine.id}/actions/check-out`, { encrypt: true, file: 'x' }],
    ];
    // Every desktop route that takes a body is in the list above: a new one without its case fails here.
    const spec = (await app.http.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const withBody = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith(DESKTOP_PREFIX))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${path.slice(DESKTOP_PREFIX.length).replace('{id}', machine.id)}`));
    expect(withBody.length).toBeGreaterThan(3);
    for (const route of withBody) expect(bodies.map(([m, p]) => `${m} ${p}`), route).toContain(route);
    for (const [method, path, body] of bodies) {
      const res = await desktop(method, path, { auth, body });
      expect(res.statusCode, `${method} ${path}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const upgradeExtra = await desktop('GET', '/releases/actions/upgrade?version=1.0.0&platform=linux-x64&file=x', { auth });
    expect(upgradeExtra.statusCode).toBe(400);
    const big = await desktop('POST', '/machines', { auth, body: { fingerprint: 'machine-big', name: 'x'.repeat(10_000) } });
    expect(big.statusCode).toBe(413);
    expect(await app.db.selectFrom('licence_machines').selectAll().orderBy('id').execute()).toEqual(before);
  });
});

describe('the customer’s licences and devices', () => {
  let c: LicensingSetup;
  it('lists the customer’s own licences with their devices', async () => {
    c = await setUpLicensing(app, { code: 'customer-app' });
    await activate(c.key, 'machine-laptop');
    await activate(c.key, 'machine-desktop');
    const res = await c.customer.c.get('/api/licensing/my-licences');
    expect(res.statusCode).toBe(200);
    const [licence] = res.json<{ licences: Array<{ key: string; machines: Array<{ id: string; name: string }> }> }>().licences;
    expect(licence?.key).toBe(c.key);
    expect(licence?.machines.map((m) => m.name)).toEqual(['Workstation machine-laptop', 'Workstation machine-desktop']);
  });

  it('lets the customer deactivate their own device, but nobody else’s', async () => {
    const [licence] = (await c.customer.c.get('/api/licensing/my-licences')).json<{ licences: Array<{ machines: Array<{ id: string }> }> }>().licences;
    const id = licence?.machines[0]?.id ?? '';
    const other = await signedIn(app, 'customer');
    expect((await other.c.delete(`/api/licensing/my-machines/${id}`)).statusCode).toBe(404);
    expect((await c.customer.c.delete(`/api/licensing/my-machines/${id}`)).statusCode).toBe(200);
    expect((await validate(c.key, { fingerprint: 'machine-laptop' })).code).toBe('FINGERPRINT_SCOPE_MISMATCH');
    expect((await auditEntries(app, 'licensing.machine_deactivated', id)).length).toBe(1);
  });

  it('puts the licences and devices in the person’s export, without the fingerprint hash or token hash', async () => {
    await app.startJobs();
    const res = await c.customer.c.post('/api/me/exports');
    expect(res.statusCode, res.body).toBe(202);
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: c.customer.email });
    const [, id, token] = /\/account\/exports\/([\w-]+)\?token=([\w.-]+)/.exec(message?.body_text ?? '') ?? [];
    const download = await c.customer.c.get(`/api/exports/${id}/download?token=${token}`);
    expect(download.statusCode).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    expect(zip.get('tables/licences.csv')?.toString()).toContain(c.key);
    const machines = zip.get('tables/licence_machines.csv')?.toString() ?? '';
    expect(machines).toContain('Workstation machine-desktop');
    expect(machines.split('\r\n')[0]).not.toMatch(/fingerprint|token_hash/);
  });

  it('erases the licences and devices with the person', async () => {
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, c.customer.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await app.db.selectFrom('licences').where('user_id', '=', c.customer.id).select('id').execute()).toEqual([]);
    expect(await app.db.selectFrom('licence_machines').where('user_id', '=', c.customer.id).select('id').execute()).toEqual([]);
  });
});

describe('retention by the manifest', () => {
  it('removes a machine a year after its last heartbeat (seed 003: licence data, 1 year)', async () => {
    const r = await setUpLicensing(app, { code: 'retention-app', heartbeatSeconds: 3600 });
    await activate(r.key, 'machine-old');
    app.clock.advance(200 * 86_400_000);
    await activate(r.key, 'machine-new');
    app.clock.advance(200 * 86_400_000);
    await app.services.retention.runRetention();
    const left = await app.db.selectFrom('licence_machines').where('licence_id', '=', r.licenceId).select('name').execute();
    expect(left.map((m) => m.name)).toEqual(['Workstation machine-new']);
  });
});
