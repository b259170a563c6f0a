import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { HttpServer } from './server.js';

/**
 * A customer portal has nothing for search engines: its public pages (the privacy policy) are reached
 * through links, and everything else is behind a sign-in.
 */
const ROBOTS_TXT = 'User-agent: *\nDisallow: /\n';

/**
 * A path whose last segment has an extension, or anything under /assets/, names a file: when no file
 * answered it, it is missing. The web app's index.html in its place would be parsed as a script or a
 * style (a confusing error in the browser) and would make every such probe look like a hit.
 */
export function looksLikeFile(path: string): boolean {
  return path.startsWith('/assets/') || /\.[A-Za-z0-9]{1,10}$/.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The built React app in `root`, with client-side routes falling back to index.html. */
export async function serveWebApp(http: HttpServer, root: string) {
  http.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(ROBOTS_TXT),
  );
  if (!existsSync(join(root, 'index.html'))) {
    http.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('Meshvault API is running. The web app is not built: run `npm run build:web`.'),
    );
    return;
  }
  const assets = join(root, 'assets');
  // Files under /assets/ are looked up when asked for (wildcard), rather than one route each: the build
  // leaves some 200 there (with their compressed copies), and their 317 GET and HEAD routes took about
  // 0.2 s of every start on two cores (issue #12).
  await http.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    wildcard: true,
    index: false,
    // What the build names its files: one segment of letters, digits, dots, dashes and underscores, not
    // starting with a dot. Anything else (a folder, a dotfile, an escaped separator) is not a file of
    // ours: 404, as an unknown name is, rather than the 403 the file server would answer.
    allowedPath: (pathname) => /^\/?[\w-][\w.-]*$/.test(pathname),
    // The build writes a Brotli and a gzip copy beside each text file (web/vite-precompress.ts): the
    // one the browser accepts is sent, compressed once at build time rather than on every request.
    preCompressed: true,
    // Files under assets/ are named by their content: a change is a new name, so browsers keep them a
    // year without asking. The rest (index.html, which names them) is checked on every visit, so a
    // new release is seen at once.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.startsWith(assets + sep) ? 'public, max-age=31536000, immutable' : 'no-cache');
      // Which copy was sent depends on Accept-Encoding: a cache between must not give a Brotli body to
      // a browser that asked for none (@fastify/static does not say so itself).
      res.setHeader('vary', 'Accept-Encoding');
    },
  });
  http.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path !== '/index.html' && (path.startsWith('/api/') || looksLikeFile(path))) return reply.callNotFound();
    return reply.sendFile('index.html', root);
  });
}
