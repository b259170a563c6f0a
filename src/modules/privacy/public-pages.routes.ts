import { z } from 'zod';
import type { HttpServer, Principal } from '../../platform/http/index.js';
import { manifestJsonSchema, renderPolicy } from './manifest/index.js';
import type { ActivePolicy } from './active-policy.js';
import { renderHistoryPage } from './history-page.js';
import { withPublicFooter } from './public-footer.js';
import { escapeHtml } from './manifest/render-html.js';
import type { PrivacyUseCases } from './privacy.use-cases.js';
import { ZVersionNumber } from './privacy.schema.js';

const hide = { hide: true };
const ZVersionQuery = z.object({ version: ZVersionNumber.optional() });
const ZHistoryQuery = z.object({ from: ZVersionNumber.optional(), to: ZVersionNumber.optional() });

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The published policy for everyone: /privacy (HTML), /privacy.md, /privacy.json, its JSON Schema,
 * the version history with diffs, and /.well-known/gpc.json. All of it comes from the manifest
 * versions; pages carry inline styles only (the CSP allows no inline script).
 */
export function registerPublicPrivacyPages(app: HttpServer, deps: { privacy: PrivacyUseCases; policy: ActivePolicy; now: () => Date }) {
  const { privacy, policy } = deps;

  /** The version asked for, or the one in force. */
  async function versionFor(version: number | undefined) {
    const active = await policy.current();
    if (version === undefined || version === active.version) return active;
    await privacy.version(version); // 404 with a clear message for an unknown version
    return policy.load(version);
  }

  /** For a signed-in reader: which version they last accepted, and when. */
  async function acceptedLine(principal: Principal | null): Promise<string> {
    if (!principal) return '';
    const last = await privacy.myLastAcceptance(principal);
    if (!last) return '<p class="meta" data-accepted="none">You have not accepted a version of this policy yet.</p>';
    return `<p class="meta" data-accepted="${last.version}">You last accepted <a href="/privacy?version=${last.version}">version ${last.version}</a> on ${day(last.acceptedAt)}.</p>`;
  }

  app.get('/privacy', { schema: { ...hide, querystring: ZVersionQuery } }, async (request, reply) => {
    const v = await versionFor(request.query.version);
    const html = renderPolicy(v.manifest, { format: 'html', lastUpdated: day(v.effectiveAt), version: String(v.version) }).replace(
      '</header>',
      `<p class="meta"><a href="/privacy/history">Version history</a> · <a href="/privacy.md${request.query.version ? `?version=${v.version}` : ''}">Markdown</a> · <a href="/privacy.json${request.query.version ? `?version=${v.version}` : ''}">JSON</a> · Fingerprint <code>${escapeHtml(v.hash)}</code></p>${await acceptedLine(request.principal)}</header>`,
    );
    // Shows who is signed in (their acceptance): never kept by a shared cache.
    return reply.type('text/html; charset=utf-8').header('cache-control', request.principal ? 'private, no-cache' : 'no-cache').send(withPublicFooter(html));
  });

  app.get('/privacy.md', { schema: { ...hide, querystring: ZVersionQuery } }, async (request, reply) => {
    const v = await versionFor(request.query.version);
    return reply
      .type('text/markdown; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderPolicy(v.manifest, { format: 'md', lastUpdated: day(v.effectiveAt), version: String(v.version) }));
  });

  // What the sign-up page reads at the top level (minimum_age, the version and document_hash it sends
  // back, and whether use counts as acceptance); the full manifest follows.
  app.get('/privacy.json', { schema: { ...hide, querystring: ZVersionQuery } }, async (request, reply) => {
    const v = await versionFor(request.query.version);
    const document = JSON.parse(renderPolicy(v.manifest, { format: 'json', lastUpdated: day(v.effectiveAt), version: String(v.version) })) as Record<string, unknown>;
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send({ version: v.version, document_hash: v.hash, acceptance: v.values.acceptance, last_updated: day(v.effectiveAt), minimum_age: v.values.minimumAge, ...document });
  });

  app.get('/privacy/manifest.schema.json', { schema: hide }, async (_request, reply) =>
    reply.type('application/schema+json; charset=utf-8').send(manifestJsonSchema()),
  );

  app.get('/privacy/history', { schema: { ...hide, querystring: ZHistoryQuery } }, async (request, reply) => {
    const { from, to } = request.query;
    const [active, versions] = await Promise.all([policy.current(), privacy.listVersions()]);
    const diff = from !== undefined && to !== undefined ? await privacy.diffVersions(from, to) : null;
    const html = renderHistoryPage({ operator: active.manifest.operator.name, versions, inForce: active.version, now: deps.now(), diff });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(withPublicFooter(html));
  });

  // https://privacycg.github.io/gpc-spec/#gpc-support-resource
  app.get('/.well-known/gpc.json', { schema: hide }, async (_request, reply) => {
    const active = await policy.current();
    return reply.type('application/json').header('cache-control', 'max-age=300').send({ gpc: active.values.honoursGpc(), lastUpdate: day(active.effectiveAt) });
  });
}
