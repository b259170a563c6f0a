import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { allowPreflight, requestContext } from '../../platform/http/index.js';
import { consentErrors } from './consent.errors.js';
import { ZAdvertising, ZAskAdvertising, ZChoose, ZConsentState } from './consent.schema.js';
import type { ConsentService } from './consent.use-cases.js';
import { sendsGpc } from './gpc-signal.js';

const tags = ['consent'];
export const EMBED_CONSENT_PATH = '/api/consent/embed';
const EMBED_ADVERTISING_PATH = `${EMBED_CONSENT_PATH}/advertising`;

const ZVisitorId = z.uuid({ error: 'visitorId is the id this banner was given when it first recorded a choice' });
const ZEmbedState = ZConsentState.extend({
  /** The anonymous visitor's id, which the embedded banner keeps in its own site's storage. */
  visitorId: z.string().nullable(),
});
const ZEmbedChoose = ZChoose.extend({ visitorId: ZVisitorId.optional() });
const ZEmbedAskAdvertising = ZAskAdvertising.extend({ visitorId: ZVisitorId.optional() });

/**
 * The consent API of the banner embedded on the operator's own website (another origin): the same
 * notice and the same records as GET/POST /api/consent, for an anonymous visitor only. It reads no
 * cookie and no session and sets none (CORS without credentials, for the origins in
 * MESHVAULT_EMBED_ORIGINS): the visitor id travels in the query or body, kept by the script in its
 * own site's storage, and a choice is recorded only where the policy declares the consent cookie
 * that id stands for. It records consent decisions and changes nothing else.
 */
export function registerEmbedConsentRoutes(app: HttpServer, consent: ConsentService) {
  const config = { embeddable: true };
  allowPreflight(app, EMBED_CONSENT_PATH);
  allowPreflight(app, EMBED_ADVERTISING_PATH);

  app.get(EMBED_CONSENT_PATH, { config, schema: { tags, querystring: z.object({ visitor: ZVisitorId.optional() }), response: { 200: ZEmbedState } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const who = { principal: null, visitorId: request.query.visitor ?? null };
    const state = await consent.consentState(who);
    if (who.visitorId && sendsGpc(request) && state.notice.gpcHonoured && !state.gpc && state.notice.consentCookie) {
      await consent.recordGpcSignal(who, requestContext(request));
      return { ...(await consent.consentState(who)), visitorId: who.visitorId };
    }
    return { ...state, visitorId: who.visitorId };
  });

  app.post(
    EMBED_CONSENT_PATH,
    { config: { ...config, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags, body: ZEmbedChoose, response: { 200: ZEmbedState } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { visitorId: given, ...choice } = request.body;
      const before = await consent.consentState({ principal: null, visitorId: null });
      if (!before.notice.consentCookie) throw consentErrors.noSubject();
      const who = { principal: null, visitorId: given ?? randomUUID() };
      const state = await consent.recordConsent(who, { ...choice, gpc: choice.gpc === true || sendsGpc(request) }, requestContext(request));
      return { ...state, visitorId: who.visitorId };
    },
  );

  // Before the embedded banner loads an advertiser's script: the same decision as /api/consent/advertising, for the kept visitor id.
  app.post(
    EMBED_ADVERTISING_PATH,
    { config: { ...config, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags, body: ZEmbedAskAdvertising, response: { 200: ZAdvertising } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const who = { principal: null, visitorId: request.body.visitorId ?? null };
      return consent.advertisingToLoad(who, request.body.gpc === true || sendsGpc(request), requestContext(request));
    },
  );
}
