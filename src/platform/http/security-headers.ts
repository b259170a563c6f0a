import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet writes for these options, worked out once at start-up by running its middleware
 * against a response that only records them. Registered through @fastify/helmet it builds that
 * middleware anew for every request (parsing the CSP directives each time, a large share of a small
 * read's CPU: issue #12); without nonces or per-request directives the headers depend on the options alone.
 */
export function securityHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    // Helmet calls back at once, with an error only for options it refuses: start-up stops with it.
    if (error !== undefined) throw error instanceof Error ? error : new Error('helmet refused the security header options');
  });
  return [...headers];
}
