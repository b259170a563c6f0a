import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/index.js';
import { requestContext } from '../../platform/http/index.js';
import type { MarketingService } from './marketing.use-cases.js';
import { confirmPage, donePage, invalidPage } from './unsubscribe-page.js';

const ZToken = z.object({ token: z.string().min(1).max(600) });

/** RFC 8058 asks for `List-Unsubscribe=One-Click` in a form body (url-encoded or multipart). */
function saysOneClick(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  if (new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click') return true;
  return /name="List-Unsubscribe"\r?\n\r?\nOne-Click\r?\n/.test(body);
}

/**
 * `/u/<token>`: GET shows a page with a button and changes nothing (mail scanners follow links); POST
 * with `List-Unsubscribe=One-Click` — from the mail client, or the page's button — unsubscribes with no
 * session or CSRF token: the signed token is the authority (csrfExempt).
 */
export async function registerUnsubscribeRoutes(app: HttpServer, deps: { marketing: MarketingService }) {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
      scope.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    }
    scope.get('/u/:token', { schema: { hide: true, params: ZToken } }, async (request, reply) => {
      const shown = await deps.marketing.describeUnsubscribe(request.params.token);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return shown ? reply.send(confirmPage(shown)) : reply.status(404).send(invalidPage());
    });
    scope.post('/u/:token', { config: { csrfExempt: true }, schema: { hide: true, params: ZToken } }, async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      if (!saysOneClick(request.body)) return reply.status(400).send(invalidPage());
      const shown = await deps.marketing.describeUnsubscribe(request.params.token);
      if (!shown || !(await deps.marketing.unsubscribe(request.params.token, requestContext(request)))) return reply.status(404).send(invalidPage());
      return reply.send(donePage(shown));
    });
  });
}
