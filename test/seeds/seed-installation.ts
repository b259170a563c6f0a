import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createClient, policyShown } from '../../src/test-support/http-client.js';
import { createTestApp, type TestApp } from '../../src/test-support/test-app.js';

/** The example manifests of the five seed businesses, as shipped. */
export const SEEDS = ['000-configurator', '001-scanning-printing', '002-b2b-products', '003-desktop-software', '004-model-preparation'] as const;
export type Seed = (typeof SEEDS)[number];

export function seedPath(seed: Seed): string {
  return fileURLToPath(new URL(`../../examples/manifests/${seed}.yaml`, import.meta.url));
}

/**
 * A fresh installation started the operator's way with a seed's manifest (MESHVAULT_MANIFEST):
 * its first use publishes the file, unmodified, as version 1.
 */
export async function seedInstallation(seed: Seed): Promise<TestApp> {
  const app = await createTestApp({ MESHVAULT_MANIFEST: seedPath(seed) });
  await app.startJobs();
  const active = await app.services.policy.current();
  expect(active.version).toBe(1);
  expect(active.yaml).toBe(readFileSync(seedPath(seed), 'utf8'));
  return app;
}

export async function featureSwitches(app: TestApp): Promise<Record<string, boolean>> {
  const res = await createClient(app).get('/api/features');
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(res.json<{ features: Array<{ id: string; on: boolean }> }>().features.map((f) => [f.id, f.on]));
}

/**
 * Signs up through the API as the sign-up page does under the seed's policy (a password only where it
 * declares passwords, the policy version shown), confirms the address, and answers the stored account.
 */
export async function signUpUnder(app: TestApp, input: { email: string; ageConfirmed?: boolean }) {
  const options = (await createClient(app).get('/api/auth/options')).json<{ signIn: 'password' | 'email_link' }>();
  const policy = await policyShown(app);
  const res = await createClient(app).post('/api/auth/sign-up', {
    name: 'Sam Seed',
    email: input.email,
    ...(options.signIn === 'password' ? { password: 'correct horse battery staple' } : {}),
    ...(input.ageConfirmed === false ? {} : { ageConfirmed: true }),
    policy,
  });
  const user = await app.db.selectFrom('users').selectAll().where('email', '=', input.email).executeTakeFirst();
  return { res, user, signIn: options.signIn };
}
