import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import type { PrivacyUseCases } from './privacy.use-cases.js';
import {
  ZConsentAnswer,
  ZConsentPrompt,
  ZDiff,
  ZDiffQuery,
  ZDraftCheck,
  ZManifestBody,
  ZPolicyAcceptance,
  ZPublished,
  ZVersionNumber,
  ZVersionSummary,
} from './privacy.schema.js';

export type PrivacyRoutesDeps = { privacy: PrivacyUseCases; auth: AuthHooks };

const tags = ['privacy'];
const officer = ['privacy_officer', 'admin'] as const;
// Validation renders a whole policy: limited so one account cannot keep the server busy, yet above
// what the editor sends while someone types (one check per half second of pause).
const draftLimit = { rateLimit: { max: 240, timeWindow: '1 minute' } };
const publishLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** The privacy officer's API and each person's notices and consent questions. */
export function registerPrivacyRoutes(app: HttpServer, deps: PrivacyRoutesDeps) {
  const { privacy, auth } = deps;

  app.post(
    '/api/privacy/manifest/publish',
    { config: publishLimit, preHandler: auth.requireRole(...officer), schema: { tags, body: ZManifestBody, response: { 201: ZPublished } } },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(await privacy.publish({ id: p.userId, role: p.role }, request.body.yaml, { requestId: request.id }));
    },
  );

  app.post(
    '/api/privacy/manifest/validate',
    { config: draftLimit, preHandler: auth.requireRole(...officer), schema: { tags, body: ZManifestBody, response: { 200: ZDraftCheck } } },
    async (request) => privacy.checkDraft(request.body.yaml),
  );

  app.get('/api/privacy/versions', { schema: { tags, response: { 200: z.object({ versions: z.array(ZVersionSummary) }) } } }, async () => ({
    versions: await privacy.listVersions(),
  }));

  app.get(
    '/api/privacy/versions/:version',
    { schema: { tags, params: z.object({ version: ZVersionNumber }), response: { 200: z.object({ version: z.number(), publishedAt: z.date(), effectiveAt: z.date(), yaml: z.string() }) } } },
    async (request) => {
      const row = await privacy.version(request.params.version);
      return { version: row.version, publishedAt: row.published_at, effectiveAt: row.effective_at, yaml: row.yaml };
    },
  );

  app.get('/api/privacy/diff', { schema: { tags, querystring: ZDiffQuery, response: { 200: ZDiff } } }, async (request) =>
    privacy.diffVersions(request.query.from, request.query.to),
  );

  app.get(
    '/api/me/policy-notices',
    { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ notices: z.array(z.object({ version: z.number(), sentAt: z.date(), acknowledgedAt: z.date().nullable() })) }) } } },
    async (request) => ({ notices: await privacy.myNotices(principalOf(request)) }),
  );

  app.post(
    '/api/me/policy-notices/:version/acknowledge',
    { preHandler: auth.requireUser, schema: { tags, params: z.object({ version: ZVersionNumber }), response: { 200: z.object({ version: z.number(), acknowledgedAt: z.date() }) } } },
    async (request) => privacy.acknowledgeNotice(principalOf(request), request.params.version, requestContext(request)),
  );

  // Reachable before the person has accepted any version (the auth hooks refuse most routes until then).
  app.post(
    '/api/me/policy-acceptance',
    {
      preHandler: auth.requireUserBeforePolicyAccepted,
      schema: { tags, body: ZPolicyAcceptance, response: { 201: z.object({ version: z.number(), documentHash: z.string(), acceptedAt: z.date(), how: z.enum(['ticked', 'by_use']) }) } },
    },
    async (request, reply) => reply.status(201).send(await privacy.acceptPolicy(principalOf(request), request.body, requestContext(request))),
  );

  app.get('/api/me/consent-prompts', { preHandler: auth.requireUser, schema: { tags, response: { 200: z.object({ prompts: z.array(ZConsentPrompt) }) } } }, async (request) => ({
    prompts: await privacy.myConsentPrompts(principalOf(request)),
  }));

  app.post(
    '/api/me/consent-prompts/:id',
    {
      preHandler: auth.requireUser,
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        body: ZConsentAnswer,
        response: { 200: z.object({ id: z.uuid(), version: z.number(), answer: z.enum(['accept', 'decline']), answeredAt: z.date().nullable(), purposes: z.array(z.string()) }) },
      },
    },
    async (request) => privacy.answerConsentPrompt(principalOf(request), request.params.id, request.body.answer, requestContext(request)),
  );
}
