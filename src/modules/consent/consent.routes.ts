import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpServer } from '../../platform/http/index.js';
import { requestContext } from '../../platform/http/index.js';
import type { CookieLifetime } from '../privacy/index.js';
import { bannerScript } from './banner-script.js';
import { optionalCategories, CONSENT_COOKIE } from './consent-notice.js';
import { consentErrors } from './consent.errors.js';
import { ZAdvertising, ZAskAdvertising, ZChoose, ZConsentState, type TConsentState } from './consent.schema.js';
import type { ConsentService } from './consent.use-cases.js';
import type { Chooser } from './chooser.js';
import { registerEmbedConsentRoutes } from './embed.routes.js';
import { sendsGpc } from './gpc-signal.js';

const tags = ['consent'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ConsentRoutesDeps = {
  consent: ConsentService;
  secureCookies: boolean;
  /** How long a cookie the policy in force declares may live (undefined: not declared, never set). */
  cookieLifetime: (name: string) => Promise<CookieLifetime | undefined>;
};

/**
 * The consent API the web app's banner and the embeddable script share (no sign-in needed: visitors
 * choose too), and the script itself. A `Sec-GPC: 1` header is recorded as an opt-out wherever the
 * policy honours it.
 */
export function registerConsentRoutes(app: HttpServer, deps: ConsentRoutesDeps) {
  const { consent } = deps;

  app.get('/api/consent', { schema: { tags, response: { 200: ZConsentState } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const first = await consent.consentState(chooserOf(request, null));
    if (!sendsGpc(request) || !first.notice.gpcHonoured || first.gpc) return first;
    if (!request.principal && !first.notice.consentCookie) return first; // no one to record it for
    const { who, remember } = visitorOf(request, first);
    await consent.recordGpcSignal(who, requestContext(request));
    await remember(reply);
    return consent.consentState(who);
  });

  app.post('/api/consent', { schema: { tags, body: ZChoose, response: { 200: ZConsentState } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const before = await consent.consentState(chooserOf(request, null));
    const { who, remember } = visitorOf(request, before);
    const state = await consent.recordConsent(who, { ...request.body, gpc: request.body.gpc === true || sendsGpc(request) }, requestContext(request));
    // Cookies only once the choice is recorded: a refused request sets nothing.
    await remember(reply);
    await setChosenCookies(request, reply, state);
    return state;
  });

  // Before the banner loads an advertiser's script: egress's one check decides and logs the disclosure.
  app.post('/api/consent/advertising', { schema: { tags, body: ZAskAdvertising, response: { 200: ZAdvertising } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return consent.advertisingToLoad(chooserOf(request, null), request.body.gpc === true || sendsGpc(request), requestContext(request));
  });

  // Loaded by <script src> from the operator's own website too: another origin may use it.
  app.get('/consent/banner.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=300').header('cross-origin-resource-policy', 'cross-origin').send(bannerScript()),
  );
  registerEmbedConsentRoutes(app, consent);

  /**
   * The anonymous visitor's id from the essential consent cookie, or a new one with `remember` to set
   * that cookie, where the policy declares it: only then can a visitor be remembered (or recorded).
   */
  function visitorOf(request: FastifyRequest, state: TConsentState): { who: Chooser; remember: (reply: FastifyReply) => Promise<void> } {
    if (!state.notice.consentCookie) {
      if (!request.principal) throw consentErrors.noSubject();
      return { who: { principal: request.principal, visitorId: null }, remember: async () => {} };
    }
    const known = visitorIdOf(request);
    const visitorId = known ?? randomUUID();
    return { who: chooserOf(request, visitorId), remember: async (reply) => (known ? undefined : setDeclared(reply, CONSENT_COOKIE, visitorId)) };
  }

  /**
   * The first-party cookies of the categories now consented to, each for the lifetime the policy
   * states; those of refused or withdrawn categories are removed at once. Third-party cookies are set
   * by their providers' scripts, which the banner loads only after consent.
   */
  async function setChosenCookies(request: FastifyRequest, reply: FastifyReply, state: TConsentState) {
    for (const category of optionalCategories(state.notice)) {
      for (const cookie of category.cookies.filter((c) => c.firstParty)) {
        if (state.categories[category.id]) {
          if (!request.cookies[cookie.name]) await setDeclared(reply, cookie.name, randomUUID());
        } else if (request.cookies[cookie.name]) reply.clearCookie(cookie.name, { path: '/' });
      }
    }
  }

  async function setDeclared(reply: FastifyReply, name: string, value: string) {
    const lifetime = await deps.cookieLifetime(name);
    if (!lifetime) return;
    reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, ...(lifetime.kind === 'max-age' ? { maxAge: lifetime.seconds } : {}) });
  }
}

function chooserOf(request: FastifyRequest, visitorId: string | null): Chooser {
  return { principal: request.principal, visitorId: visitorId ?? visitorIdOf(request) };
}

function visitorIdOf(request: FastifyRequest): string | null {
  const value = request.cookies[CONSENT_COOKIE];
  return value && UUID.test(value) ? value : null;
}
