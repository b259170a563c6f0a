import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { validateManifest } from '../privacy/index.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { DESKTOP_PREFIX } from './desktop.routes.js';
import { desktopManifest, setUpLicensing, type LicensingSetup } from './licensing-test-support.js';

/** Seed 003's manifest with `licence.activation` declared `device_identifier: raw` (or another form/category). */
function withDeviceIdentifier(form: string, category = 'licence.activation'): string {
  const doc = parse(desktopManifest()) as { categories: Array<Record<string, unknown>> };
  for (const c of doc.categories) if (c.id === category) c.device_identifier = form;
  return stringify(doc);
}

let app: TestApp;
let s: LicensingSetup;

const desktop = (path: string, body: unknown, auth?: string) => app.http.inject({ method: 'POST', url: `${DESKTOP_PREFIX}${path}`, headers: auth ? { authorization: auth } : {}, payload: body as object });
const validate = async (fingerprint: string) => (await desktop('/licenses/actions/validate-key', { key: s.key, scope: { fingerprint } })).json<{ meta: { code: string } }>().meta.code;
const activate = (fingerprint: string) => desktop('/machines', { fingerprint, name: `Workstation ${fingerprint}` }, `License ${s.key}`);
const stored = (name: string) => app.db.selectFrom('licence_machines').select(['fingerprint', 'device_id']).where('name', '=', `Workstation ${name}`).executeTakeFirstOrThrow();
const myMachines = async () =>
  (await s.customer.c.get('/api/licensing/my-licences')).json<{ licences: Array<{ machines: Array<{ name: string; deviceId: string | null }> }> }>().licences[0]?.machines ?? [];

beforeAll(async () => {
  app = await createTestApp();
  s = await setUpLicensing(app, { maxMachines: 5 });
});
afterAll(async () => app?.dispose());

describe('the manifest says how device identifiers are kept', () => {
  it('accepts device_identifier only on licence.activation, as keyed_hash or raw', () => {
    expect(validateManifest(withDeviceIdentifier('raw'), 'raw').ok).toBe(true);
    expect(validateManifest(withDeviceIdentifier('keyed_hash'), 'hash').ok).toBe(true);
    const badForm = validateManifest(withDeviceIdentifier('plain'), 'bad form');
    expect(badForm.ok).toBe(false);
    const elsewhere = validateManifest(withDeviceIdentifier('raw', 'technical.device'), 'elsewhere');
    expect(elsewhere.ok ? [] : elsewhere.problems.map((p) => p.message).join(' ')).toMatch(/only to the licence\.activation/);
  });

  it('keeps only a keyed hash by default: never the identifier as sent, not shown, not exported', async () => {
    expect((await activate('device-hashed-1')).statusCode).toBe(201);
    const row = await stored('device-hashed-1');
    expect(row.device_id).toBeNull();
    expect(row.fingerprint).toMatch(/^[\w-]{43}$/);
    expect(row.fingerprint).not.toContain('device-hashed-1');
    expect(await validate('device-hashed-1')).toBe('VALID');
    expect((await myMachines()).map((m) => m.deviceId)).toEqual([null]);
  });

  it('keeps the identifier as sent where the manifest declares the raw id, shows and exports it; both forms validate', async () => {
    await putPolicyInForce(app, withDeviceIdentifier('raw'));
    expect((await activate('device-raw-1')).statusCode).toBe(201);
    expect(await stored('device-raw-1')).toEqual({ fingerprint: null, device_id: 'device-raw-1' });
    expect(await validate('device-raw-1')).toBe('VALID');
    // A machine stored as a hash before the change still validates, and is still recognised.
    expect(await validate('device-hashed-1')).toBe('VALID');
    expect((await activate('device-hashed-1')).statusCode).toBe(409);
    expect((await activate('device-raw-1')).statusCode).toBe(409);
    expect(await validate('device-other')).toBe('FINGERPRINT_SCOPE_MISMATCH');
    expect((await myMachines()).map((m) => m.deviceId)).toEqual([null, 'device-raw-1']);

    await app.startJobs();
    expect((await s.customer.c.post('/api/me/exports')).statusCode).toBe(202);
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: s.customer.email });
    const [, id, token] = /\/account\/exports\/([\w-]+)\?token=([\w.-]+)/.exec(message?.body_text ?? '') ?? [];
    const zip = await unzipEntries((await s.customer.c.get(`/api/exports/${id}/download?token=${token}`)).rawPayload);
    const machines = zip.get('tables/licence_machines.csv')?.toString() ?? '';
    expect(machines).toContain('device-raw-1');
    expect(machines.split('\r\n')[0]).not.toMatch(/fingerprint|token_hash/);
  });

  it('goes back to the keyed hash when the manifest stops declaring the raw id', async () => {
    await putPolicyInForce(app, desktopManifest());
    expect((await activate('device-hashed-2')).statusCode).toBe(201);
    expect((await stored('device-hashed-2')).device_id).toBeNull();
    expect(await validate('device-raw-1')).toBe('VALID');
  });
});
