import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noLicensingManifest, setUpLicensing, type LicensingSetup } from '../../../src/modules/licensing/licensing-test-support.js';
import { putPolicyInForce } from '../../../src/test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../../src/test-support/test-app.js';
import { createLicensingClient, LicensingApiError, verifyLicenceFile } from './index.js';

/** The SDK against a real server on a real port: the same HTTP the desktop app speaks. */
let app: TestApp;
let baseUrl: string;
let s: LicensingSetup;

const keygenDir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'keygen');
/** From the README of keygen-sh/example-node-cryptographic-license-files (see test/fixtures/keygen/README.md). */
const KEYGEN_PUBLIC_KEY = 'MCowBQYDK2VwAyEA6GAeSLaTg7pSAkX9B5cemD0G0ixCV8/YIwRgFHnO54g=';
const KEYGEN_LICENCE_KEY = 'DC00E8-CC6DA1-2E35BF-BBDC02-E80494-V3';

async function refusal(promise: Promise<unknown>): Promise<LicensingApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LicensingApiError);
  return error as LicensingApiError;
}

beforeAll(async () => {
  app = await createTestApp();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
});
afterAll(async () => app?.dispose());

describe('the licensing client against a running server', () => {
  it('finds the desktop API off while the policy declares no licensing data (seed 004)', async () => {
    await putPolicyInForce(app, noLicensingManifest());
    const client = createLicensingClient({ baseUrl, licenceKey: 'ANY' });
    const error = await refusal(client.validate());
    expect(error.status).toBe(404);
    expect(error.code).toBe('feature_off');
  });

  it('activates up to the machine limit; the next is refused with TOO_MANY_MACHINES', async () => {
    s = await setUpLicensing(app, { maxMachines: 2, heartbeatSeconds: 600 });
    const first = createLicensingClient({ baseUrl, licenceKey: s.key });
    expect((await first.validate({ fingerprint: 'fp-sdk-0001' })).code).toBe('NO_MACHINE');
    const m1 = await first.activate({ fingerprint: 'fp-sdk-0001', name: 'Studio PC', platform: 'win32-x64', version: '1.0.0' });
    expect(first.machineToken).toBeTruthy();
    await createLicensingClient({ baseUrl, licenceKey: s.key }).activate({ fingerprint: 'fp-sdk-0002' });
    const third = await refusal(createLicensingClient({ baseUrl, licenceKey: s.key }).activate({ fingerprint: 'fp-sdk-0003' }));
    expect(third.licensingCode).toBe('TOO_MANY_MACHINES');
    expect(await first.validate({ fingerprint: 'fp-sdk-0001', product: 'crystal-pro' })).toMatchObject({ valid: true, code: 'VALID' });
    expect((await first.validate({ fingerprint: 'fp-sdk-0003' })).code).toBe('FINGERPRINT_SCOPE_MISMATCH');
    // Deactivating frees the seat.
    await first.deactivate(m1.id);
    await createLicensingClient({ baseUrl, licenceKey: s.key }).activate({ fingerprint: 'fp-sdk-0003' });
  });

  it('keeps the machine alive while the heartbeat loop runs; once it stops, HEARTBEAT_DEAD after the interval', async () => {
    const mine = createLicensingClient({ baseUrl, licenceKey: s.key });
    const free = (await app.db.selectFrom('licence_machines').select('id').where('licence_id', '=', s.licenceId).execute()).map((m) => m.id);
    for (const id of free) await mine.deactivate(id);
    const machine = await mine.activate({ fingerprint: 'fp-sdk-heart' });
    const beats: string[] = [];
    // A long interval: the test beats by hand with the test clock instead of waiting.
    const loop = mine.startHeartbeat(machine.id, { intervalMs: 3_600_000, onBeat: (m) => beats.push(m.heartbeatStatus) });
    app.clock.advance(500_000);
    await loop.beatNow();
    app.clock.advance(500_000);
    expect((await mine.validate({ fingerprint: 'fp-sdk-heart' })).code).toBe('VALID');
    loop.stop();
    expect(loop.running).toBe(false);
    app.clock.advance(200_000);
    expect((await mine.validate({ fingerprint: 'fp-sdk-heart' })).code).toBe('HEARTBEAT_DEAD');
    const dead = await refusal(mine.ping(machine.id));
    expect(dead.licensingCode).toBe('HEARTBEAT_DEAD');
    expect(beats).toEqual(['ALIVE']);
  });

  it('checks out a licence file that verifies offline; a flipped byte and an expired file fail', async () => {
    const client = createLicensingClient({ baseUrl, licenceKey: s.key });
    for (const m of await app.db.selectFrom('licence_machines').select('id').where('licence_id', '=', s.licenceId).execute()) await client.deactivate(m.id);
    const machine = await client.activate({ fingerprint: 'fp-sdk-offline', name: 'Laptop' });
    const { publicKey } = await client.publicKey();
    const file = await client.checkOut(machine.id);
    expect(file.algorithm).toBe('aes-256-gcm+ed25519');
    const now = app.clock.now();
    const ok = verifyLicenceFile(file.certificate, { publicKey, licenceKey: s.key, now });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.document.data).toMatchObject({ id: s.licenceId, status: 'ACTIVE', product: 'crystal-pro', entitlements: ['EXPORT_STEP'] });
      expect(ok.document.included?.[0]).toMatchObject({ id: machine.id, type: 'machines' });
    }
    // Without the key an encrypted file cannot be read; with the wrong key it cannot be decrypted.
    expect(verifyLicenceFile(file.certificate, { publicKey, now })).toMatchObject({ ok: false, reason: 'key_required' });
    expect(verifyLicenceFile(file.certificate, { publicKey, licenceKey: 'WRONG', now })).toMatchObject({ ok: false, reason: 'cannot_decrypt' });
    // A flipped byte anywhere in the signed part fails the signature.
    const inner = JSON.parse(Buffer.from(file.certificate.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64').toString()) as { enc: string; sig: string; alg: string };
    const flippedEnc = inner.enc.slice(0, 10) + (inner.enc[10] === 'A' ? 'B' : 'A') + inner.enc.slice(11);
    const tampered = `-----BEGIN LICENSE FILE-----\n${Buffer.from(JSON.stringify({ ...inner, enc: flippedEnc })).toString('base64')}\n-----END LICENSE FILE-----\n`;
    expect(verifyLicenceFile(tampered, { publicKey, licenceKey: s.key, now })).toMatchObject({ ok: false, reason: 'bad_signature' });
    // Past its time to live (the policy's fourteen days) the file is refused.
    const later = new Date(new Date(file.expiry).getTime() + 1000);
    expect(verifyLicenceFile(file.certificate, { publicKey, licenceKey: s.key, now: later })).toMatchObject({ ok: false, reason: 'expired' });
    // An unencrypted file verifies the same way.
    const plain = await client.checkOut(machine.id, { encrypt: false });
    expect(verifyLicenceFile(plain.certificate, { publicKey, now: app.clock.now() })).toMatchObject({ ok: true, algorithm: 'base64+ed25519' });
  });

  it('refuses files signed before a key rotation with the new key, and verifies them with the old one', async () => {
    const client = createLicensingClient({ baseUrl, licenceKey: s.key });
    const before = await client.publicKey();
    const [machine] = await app.db.selectFrom('licence_machines').select('id').where('licence_id', '=', s.licenceId).execute();
    const file = await client.checkOut(machine?.id ?? '');
    const rotated = await s.admin.c.post('/api/licensing/signing-keys/rotate');
    expect(rotated.statusCode).toBe(200);
    const after = await client.publicKey();
    expect(after.keyId).not.toBe(before.keyId);
    expect(after.previous.map((k) => k.keyId)).toContain(before.keyId);
    const now = app.clock.now();
    expect(verifyLicenceFile(file.certificate, { publicKey: after.publicKey, licenceKey: s.key, now })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyLicenceFile(file.certificate, { publicKey: before.publicKey, licenceKey: s.key, now }).ok).toBe(true);
    const fresh = await client.checkOut(machine?.id ?? '');
    expect(verifyLicenceFile(fresh.certificate, { publicKey: after.pem, licenceKey: s.key, now: app.clock.now() }).ok).toBe(true);
  });

  it('checks for updates', async () => {
    const res = await s.admin.c.post('/api/licensing/releases', { productId: s.productId, version: '2.1.0', channel: 'stable', platform: 'win32-x64', artifactUrl: 'https://cdn.example.test/crystal-2.1.0.exe' });
    expect(res.statusCode, res.body).toBe(201);
    const client = createLicensingClient({ baseUrl, licenceKey: s.key });
    expect((await client.checkForUpdate({ version: '2.0.3', platform: 'win32-x64' })).next?.version).toBe('2.1.0');
    expect((await client.checkForUpdate({ version: '2.1.0', platform: 'win32-x64' })).next).toBeNull();
  });

  it('turns off with the policy: a policy without licensing categories takes the desktop API away', async () => {
    await putPolicyInForce(app, noLicensingManifest());
    const error = await refusal(createLicensingClient({ baseUrl, licenceKey: s.key }).validate());
    expect(error.code).toBe('feature_off');
  });
});

describe('Keygen’s published example licence file', () => {
  const certificate = readFileSync(join(keygenDir, 'license.lic'), 'utf8');
  const issuedWindow = new Date('2024-06-01T00:00:00Z');

  it('verifies and decrypts with the same code path', () => {
    const result = verifyLicenceFile(certificate, { publicKey: KEYGEN_PUBLIC_KEY, licenceKey: KEYGEN_LICENCE_KEY, now: issuedWindow });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.algorithm).toBe('aes-256-gcm+ed25519');
      expect(result.document.data).toMatchObject({ id: 'b336e03d-0cad-46e2-b4ed-0ea9c35c612a', type: 'licenses' });
      expect(result.expiry?.toISOString()).toBe('2025-04-09T19:37:39.517Z');
    }
  });

  it('is refused once expired, or with a byte flipped, or under another key', () => {
    expect(verifyLicenceFile(certificate, { publicKey: KEYGEN_PUBLIC_KEY, licenceKey: KEYGEN_LICENCE_KEY, now: new Date('2026-01-01T00:00:00Z') })).toMatchObject({ ok: false, reason: 'expired' });
    const lines = certificate.split('\n');
    const line = lines[5] ?? '';
    lines[5] = line.slice(0, 20) + (line[20] === 'Q' ? 'R' : 'Q') + line.slice(21);
    expect(verifyLicenceFile(lines.join('\n'), { publicKey: KEYGEN_PUBLIC_KEY, licenceKey: KEYGEN_LICENCE_KEY, now: issuedWindow }).ok).toBe(false);
    expect(verifyLicenceFile(certificate, { publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=', licenceKey: KEYGEN_LICENCE_KEY, now: issuedWindow })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});
