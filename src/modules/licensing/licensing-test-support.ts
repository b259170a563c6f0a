import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { projectRoot } from '../../app-paths.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import type { TestApp } from '../../test-support/test-app.js';

/** Seed 003's manifest (desktop software), which declares the licensing categories. */
export function desktopManifest(): string {
  return readFileSync(join(projectRoot(), 'examples', 'manifests', '003-desktop-software.yaml'), 'utf8');
}

/** Seed 004's manifest (model preparation), which declares no licensing data. */
export function noLicensingManifest(): string {
  return readFileSync(join(projectRoot(), 'examples', 'manifests', '004-model-preparation.yaml'), 'utf8');
}

export type LicensingSetup = { admin: TestUser; customer: TestUser; productId: string; policyId: string; key: string; licenceId: string };

/**
 * Seed 003's policy in force, and an admin who made a product, a floating policy of `maxMachines` with
 * a heartbeat every `heartbeatSeconds` and offline files, and a licence for a customer.
 */
export async function setUpLicensing(app: TestApp, opts: { maxMachines?: number; heartbeatSeconds?: number; durationSeconds?: number; code?: string } = {}): Promise<LicensingSetup> {
  await putPolicyInForce(app, desktopManifest());
  const admin = await signedIn(app, 'admin');
  const customer = await signedIn(app, 'customer');
  const product = await admin.c.post('/api/licensing/products', { code: opts.code ?? 'crystal-pro', name: 'CrystalMe3D Pro' });
  expect(product.statusCode, product.body).toBe(201);
  const productId = product.json<{ id: string }>().id;
  const policy = await admin.c.post('/api/licensing/policies', {
    productId,
    name: 'Pro yearly',
    maxMachines: opts.maxMachines ?? 2,
    floating: true,
    requireHeartbeat: true,
    heartbeatSeconds: opts.heartbeatSeconds ?? 600,
    offlineAllowed: true,
    fileTtlSeconds: 14 * 86_400,
    ...(opts.durationSeconds ? { durationSeconds: opts.durationSeconds } : {}),
  });
  expect(policy.statusCode, policy.body).toBe(201);
  const policyId = policy.json<{ id: string }>().id;
  const licence = await admin.c.post('/api/licensing/licences', { policyId, ownerEmail: customer.email, entitlements: ['EXPORT_STEP'] });
  expect(licence.statusCode, licence.body).toBe(201);
  const { id: licenceId, key } = licence.json<{ id: string; key: string }>();
  return { admin, customer, productId, policyId, key, licenceId };
}
