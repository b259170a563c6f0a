import { expect } from 'vitest';
import { SESSION_COOKIE } from '../modules/accounts/index.js';
import type { Principal, Role } from '../platform/http/index.js';
import { CLI_ACTOR } from '../platform/unit-of-work/index.js';
import { uploadWhole } from '../modules/files/files-test-support.js';
import { createClient, latestMailTo, policyShown } from './http-client.js';
import type { TestApp } from './test-app.js';

/**
 * The people and things module tests start from, made the way the product makes them (the
 * operator's CLI path, the HTTP API, the public form), so each test file states only what is its own.
 */

export const TEST_PASSWORD = 'correct horse battery staple';

export type { TestUser } from './test-user.js';
import type { TestUser } from './test-user.js';

const ctx = { requestId: 'test' };
let made = 0;

/**
 * A verified account made the operator's way, signed in through the service (HTTP sign-in is
 * rate-limited per caller address); its client carries the session. Named `Person <local part>`.
 */
export async function signedIn(app: TestApp, role: Role = 'customer', email = `${role.replace('_', '-')}-${++made}@example.test`): Promise<TestUser> {
  const { signIn } = await app.services.accounts.options();
  const { id } = await app.services.accounts.createUser(CLI_ACTOR, { email, name: `Person ${email.split('@')[0]}`, ...(signIn === 'password' ? { password: TEST_PASSWORD } : {}), role }, ctx);
  // Where the policy declares no passwords, people sign in by the link mailed to them.
  const session =
    signIn === 'password'
      ? await app.services.accounts.signIn({ email, password: TEST_PASSWORD }, ctx)
      : await app.services.accounts.requestSignInLink(email, ctx).then(async () => app.services.accounts.signInWithLink((await latestMailTo(app, email)).token ?? '', ctx));
  const c = createClient(app);
  c.cookies.set(SESSION_COOKIE, session.token);
  const me = await c.get('/api/me');
  expect(me.statusCode).toBe(200);
  // An account made for its owner is asked to accept the policy first; they accept it, as a person would.
  if (me.json<{ policyAcceptanceRequired: boolean }>().policyAcceptanceRequired) await acceptPolicy(app, c);
  return { id, email, c };
}

/** The signed-in person accepts the policy in force through the API (the version and hash the policy page shows, the box ticked). */
export async function acceptPolicy(app: TestApp, c: ReturnType<typeof createClient>) {
  const res = await c.post('/api/me/policy-acceptance', await policyShown(app));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ version: number; documentHash: string; acceptedAt: string; how: 'ticked' | 'by_use' }>();
}

export const sampleProject = {
  title: 'Gearbox housing',
  process: 'FDM',
  material: 'pla',
  colour: 'black',
  quantity: 3,
  units: 'mm',
  toleranceMm: 0.2,
  finish: 'sanded',
  wantedDeliveryDate: '2027-03-31',
  notes: 'Confidential prototype.',
};

/** A project the user creates through the API: `sampleProject` with `overrides`. */
export async function createProject(user: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await user.c.post('/api/projects', { ...sampleProject, ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

export async function customerWithProject(app: TestApp, opts: { email?: string; project?: Record<string, unknown> } = {}) {
  const customer = await signedIn(app, 'customer', opts.email);
  const projectId = await createProject(customer, opts.project);
  return { customer, projectId };
}

/** A customer with a project and a model uploaded into it (tus, one PATCH); its analysis job is queued, not run. */
export async function customerWithFile(app: TestApp, opts: { email?: string; project?: Record<string, unknown>; file?: { name: string; bytes: Buffer } } = {}) {
  const { customer, projectId } = await customerWithProject(app, opts);
  const file = opts.file ?? { name: 'part.stl', bytes: Buffer.from('solid part\nendsolid part\n') };
  const fileId = await uploadWhole(app, customer, projectId, file.name, file.bytes);
  return { customer, projectId, fileId };
}

/** A request from the public form whose address was confirmed by the e-mailed link; its id. */
export async function verifiedRequest(app: TestApp, input: { email: string; name?: string; kind?: 'access' | 'erasure'; jurisdiction?: string }) {
  const { id } = await app.services.rights.submitRequest({ name: input.name ?? 'Someone', email: input.email, kind: input.kind ?? 'access', jurisdiction: input.jurisdiction ?? 'eu' }, ctx);
  const [message] = await app.services.mail.list({ limit: 1, to: input.email });
  const token = /confirm\?token=([\w-]+)/.exec(message?.body_text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${input.email}`);
  await app.services.rights.verifyRequest(token, ctx);
  return id;
}

const as = (userId: string, role: Principal['role']): Principal => ({ userId, sessionId: 'test', role });

/**
 * An organisation made the way the operator makes one (a platform admin names its first admin),
 * with each member joined by accepting an e-mailed invitation, as in production.
 */
export async function createOrgWithMembers(app: TestApp, input: { operatorId: string; name: string; adminId: string; adminEmail: string; members: Array<{ id: string; email: string }> }) {
  const { id } = await app.services.orgs.create(as(input.operatorId, 'admin'), { name: input.name, domains: [], adminEmail: input.adminEmail }, ctx);
  for (const member of input.members) {
    await app.services.orgs.invite(as(input.adminId, 'customer'), id, member.email, ctx);
    const { token } = await latestMailTo(app, member.email);
    if (!token) throw new Error(`no invitation token mailed to ${member.email}`);
    await app.services.orgs.acceptInvitation(as(member.id, 'customer'), token, ctx);
  }
  return id;
}

/** The audit entries of one action, oldest first; of one target when `targetId` is given. */
export async function auditEntries(app: TestApp, action: string, targetId?: string) {
  let q = app.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (targetId) q = q.where('target_id', '=', targetId);
  return q.orderBy('id').execute();
}
