import { expect } from 'vitest';
import { signedIn, TEST_PASSWORD } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { runOnTestApp } from '../../test-support/run-cli.js';
import type { TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from './test-manifests.js';

/** An account the operator makes on the console (`meshvault user create`), signed in by its owner, who has used nothing yet. */
export async function madeByOperator(app: TestApp, email: string, role = 'customer') {
  const made = await runOnTestApp(app, 'user', 'create', '--email', email, '--role', role, '--password', TEST_PASSWORD);
  expect(made.err).toBe('');
  const c = createClient(app);
  const signIn = await c.post('/api/auth/sign-in', { email, password: TEST_PASSWORD });
  expect(signIn.statusCode, signIn.body).toBe(200);
  const { id } = await app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return { id, c };
}

/** Publishes the default policy with `acceptance: by_use` (seed 000: using the service is acceptance), as a privacy officer. */
export async function publishAcceptedByUse(app: TestApp) {
  const officer = await signedIn(app, 'privacy_officer');
  const published = await officer.c.post('/api/privacy/manifest/publish', { yaml: manifestVariant((d) => void (d.acceptance = 'by_use')) });
  expect(published.statusCode, published.body).toBe(201);
}
