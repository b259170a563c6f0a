import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { principalOf, requestContext, type AuthHooks } from '../../platform/http/index.js';
import { SESSION_COOKIE } from '../accounts/index.js';
import { ZCertificateSummary, ZCloseAccount, ZClosedAccount, ZRetentionPlan } from './retention.schema.js';
import type { RetentionService } from './retention.use-cases.js';

const tags = ['privacy officer'];

/** The privacy officers' view of retention: what the next run would remove, and the runs' certificates. */
export function registerRetentionRoutes(app: HttpServer, deps: { retention: RetentionService; auth: AuthHooks }) {
  const { retention, auth } = deps;
  const officer = auth.requireRole('privacy_officer', 'admin');

  app.get('/api/privacy-officer/retention/plan', { preHandler: officer, schema: { tags, response: { 200: ZRetentionPlan } } }, async () => retention.planRetention());
  app.get('/api/privacy-officer/retention/certificates', { preHandler: officer, schema: { tags, response: { 200: z.object({ certificates: z.array(ZCertificateSummary) }) } } }, async (request) => ({
    certificates: await retention.listDisposalCertificates(principalOf(request)),
  }));
  app.get('/api/privacy-officer/retention/certificates/:id', { preHandler: officer, schema: { tags, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
    const found = await retention.readDisposalCertificate(principalOf(request), request.params.id);
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="disposal-certificate-${request.params.id}.txt"`)
      .send(found.text);
  });

  // The person closes their own account: archived for the manifest's account_closed period, then erased.
  // Also before the privacy policy is accepted: leaving needs no agreement to the terms one leaves.
  app.post('/api/me/close', { preHandler: auth.requireUserBeforePolicyAccepted, schema: { tags: ['account'], body: ZCloseAccount, response: { 200: ZClosedAccount } } }, async (request, reply) => {
    const closed = await retention.closeMyAccount(principalOf(request), requestContext(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return closed;
  });
}
