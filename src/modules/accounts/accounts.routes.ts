import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import type { AccountsService } from './accounts.use-cases.js';
import { ZAccountOptions, ZChangeEmail, ZChangePassword, ZEmailOnly, ZProfileUpdate, ZResetPassword, ZSession, ZSignIn, ZSignUp, ZToken, ZUser } from './accounts.schema.js';
import type { SignInResult } from './open-session.js';
import { ZRole, principalOf, requestContext, type AuthHooks, type Principal, type RequestContext } from '../../platform/http/index.js';
import { SESSION_COOKIE } from './auth-hooks.js';
import { linkLifetimeWords } from './link-lifetimes.js';
import { presentUser } from './users.js';
import { accountsErrors } from './accounts.errors.js';

export type AccountsRoutesDeps = {
  accounts: AccountsService;
  auth: AuthHooks;
  secureCookies: boolean;
  /**
   * How long the session cookie lives, as the policy in force declares it (`session`: until the
   * browser closes); undefined when the policy does not declare the cookie, which is then not set.
   */
  sessionCookieLifetime: () => Promise<{ kind: 'session' } | { kind: 'max-age'; seconds: number } | undefined>;
  /** Told to the member on their account page (seed 002, "Notice to end users"). */
  organisationOf?: (principal: Principal) => Promise<{ id: string; name: string; role: string; notice: string } | null>;
  /** Whether the person must still accept the privacy policy (an account made for them): the web then asks before anything else. */
  policyAcceptancePending?: (principal: Principal, ctx: RequestContext) => Promise<boolean>;
};

const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
const authLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
const tags = ['accounts'];

export function registerAccountsRoutes(app: HttpServer, deps: AccountsRoutesDeps) {
  const { accounts, auth } = deps;

  // linkValidFor: how long the e-mailed link works, for the page that says to look for it.
  app.post('/api/auth/sign-up', { config: authLimit, schema: { tags, body: ZSignUp, response: { 201: z.object({ id: z.uuid(), linkValidFor: z.string() }) } } }, async (request, reply) => {
    const result = await accounts.signUp(request.body, requestContext(request));
    return reply.status(201).send({ ...result, linkValidFor: linkLifetimeWords('verify_email') });
  });

  // How people sign in here and which profile fields exist: the web app's forms follow the policy in force.
  app.get('/api/auth/options', { schema: { tags, response: { 200: ZAccountOptions } } }, async () => accounts.options());

  /**
   * Signs in (either way) and sets the session cookie for as long as the policy in force declares it;
   * a policy that declares no session cookie gets no session at all.
   */
  async function startSession(reply: FastifyReply, signIn: () => Promise<SignInResult>) {
    const lifetime = await deps.sessionCookieLifetime();
    if (!lifetime) throw accountsErrors.sessionCookieUndeclared(SESSION_COOKIE);
    const session = await signIn();
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      ...(lifetime.kind === 'max-age' ? { maxAge: lifetime.seconds } : {}),
    });
    const user = session.user ? presentUser(session.user) : await accounts.getMe({ userId: session.userId, sessionId: session.sessionId, role: 'customer' });
    return { user };
  }

  app.post('/api/auth/sign-in', { config: authLimit, schema: { tags, body: ZSignIn, response: { 200: z.object({ user: ZUser }) } } }, async (request, reply) =>
    startSession(reply, () => accounts.signIn(request.body, requestContext(request))),
  );

  // Where the policy does not declare passwords: the link is mailed if the address has an account,
  // and the answer is the same either way.
  app.post('/api/auth/sign-in-link/request', { config: authLimit, schema: { tags, body: ZEmailOnly, response: { 202: z.object({ ok: z.literal(true), linkValidFor: z.string() }) } } }, async (request, reply) => {
    await accounts.requestSignInLink(request.body.email, requestContext(request));
    return reply.status(202).send({ ...ok, linkValidFor: linkLifetimeWords('sign_in') });
  });

  app.post('/api/auth/sign-in-link/confirm', { config: authLimit, schema: { tags, body: ZToken, response: { 200: z.object({ user: ZUser }) } } }, async (request, reply) =>
    startSession(reply, () => accounts.signInWithLink(request.body.token, requestContext(request))),
  );

  app.post('/api/auth/sign-out', { preHandler: auth.requireUserWithOneTimePassword, schema: { tags, response: { 200: ZOk } } }, async (request, reply) => {
    await accounts.signOut(principalOf(request), requestContext(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return ok;
  });

  app.post('/api/auth/verify-email', { config: authLimit, schema: { tags, body: ZToken, response: { 200: ZOk } } }, async (request) => {
    await accounts.verifyEmail(request.body.token, requestContext(request));
    return ok;
  });

  app.post('/api/auth/password-reset/request', { config: authLimit, schema: { tags, body: ZEmailOnly, response: { 202: z.object({ ok: z.literal(true), linkValidFor: z.string() }) } } }, async (request, reply) => {
    await accounts.requestPasswordReset(request.body.email, requestContext(request));
    // The same answer whether or not an account uses the address.
    return reply.status(202).send({ ...ok, linkValidFor: linkLifetimeWords('reset_password') });
  });

  app.post('/api/auth/password-reset/confirm', { config: authLimit, schema: { tags, body: ZResetPassword, response: { 200: ZOk } } }, async (request) => {
    await accounts.resetPassword(request.body.token, request.body.password, requestContext(request));
    return ok;
  });

  app.post('/api/auth/email-change/confirm', { config: authLimit, schema: { tags, body: ZToken, response: { 200: ZOk } } }, async (request) => {
    await accounts.confirmEmailChange(request.body.token, requestContext(request));
    return ok;
  });

  const ZMe = ZUser.extend({
    organisation: z.object({ id: z.uuid(), name: z.string(), role: z.string(), notice: z.string() }).nullable(),
    /** Until accepted, every route but this one, sign-out, the password change, accepting the policy and the data rights is refused. */
    policyAcceptanceRequired: z.boolean(),
  });
  app.get('/api/me', { preHandler: auth.requireUserWithOneTimePassword, schema: { tags, response: { 200: ZMe } } }, async (request) => {
    const p = principalOf(request);
    const user = await accounts.getMe(p);
    const [organisation, policyAcceptanceRequired] = await Promise.all([deps.organisationOf?.(p) ?? null, deps.policyAcceptancePending?.(p, requestContext(request)) ?? false]);
    return { ...user, organisation, policyAcceptanceRequired };
  });

  app.patch('/api/me', { preHandler: auth.requireUser, schema: { tags, body: ZProfileUpdate, response: { 200: ZUser } } }, async (request) =>
    accounts.updateProfile(principalOf(request), request.body, requestContext(request)),
  );

  app.post('/api/me/password', { config: authLimit, preHandler: auth.requireUserWithOneTimePassword, schema: { tags, body: ZChangePassword, response: { 200: ZOk } } }, async (request) => {
    await accounts.changePassword(principalOf(request), request.body, requestContext(request));
    return ok;
  });

  app.post('/api/me/email', { config: authLimit, preHandler: auth.requireUser, schema: { tags, body: ZChangeEmail, response: { 202: ZOk } } }, async (request, reply) => {
    await accounts.requestEmailChange(principalOf(request), request.body, requestContext(request));
    return reply.status(202).send(ok);
  });

  app.get('/api/me/sessions', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ sessions: z.array(ZSession) }) } } }, async (request) => ({
    sessions: await accounts.listSessions(principalOf(request)),
  }));

  app.delete('/api/me/sessions/:id', { preHandler: auth.requireUser, schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: ZOk } } }, async (request) => {
    await accounts.revokeSessions(principalOf(request), { only: request.params.id }, requestContext(request));
    return ok;
  });

  app.post('/api/me/sessions/revoke-others', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ revoked: z.number() }) } } }, async (request) => ({
    revoked: await accounts.revokeSessions(principalOf(request), { allOthers: true }, requestContext(request)),
  }));

  app.get(
    '/api/admin/users',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        tags: ['admin'],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          q: z.string().max(200).optional(),
          role: ZRole.optional(),
        }),
        response: { 200: z.object({ users: z.array(ZUser) }) },
      },
    },
    async (request) => {
      const { limit, offset, q, role } = request.query;
      return { users: await accounts.listUsers(principalOf(request), { limit, offset, ...(q ? { query: q } : {}), ...(role ? { role } : {}) }, requestContext(request)) };
    },
  );

  app.put(
    '/api/admin/users/:id/role',
    { preHandler: auth.requireRole('admin'), schema: { tags: ['admin'], params: z.object({ id: z.uuid() }), body: z.object({ role: ZRole }), response: { 200: ZOk } } },
    async (request) => {
      const p = principalOf(request);
      await accounts.setRole({ id: p.userId, role: p.role }, request.params.id, request.body.role, requestContext(request));
      return ok;
    },
  );
}
