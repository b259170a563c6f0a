import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/**
 * The headers @fastify/helmet writes for these options, worked out once. Registered as a plugin it
 * builds helmet's middleware anew for every request (parsing the CSP directives each time, a large
 * share of a small read's CPU: issue #12); without nonces the headers depend on the options alone.
 * Found by answering one request with the plugin and one without: what helmet adds is the difference.
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<ReadonlyArray<readonly [string, string]>> {
  const answer = async (withHelmet: boolean) => {
    const probe = Fastify();
    if (withHelmet) await probe.register(helmet, options);
    probe.get('/', async () => '');
    try {
      return (await probe.inject('/')).headers;
    } finally {
      await probe.close();
    }
  };
  const [plain, helmeted] = await Promise.all([answer(false), answer(true)]);
  return Object.entries(helmeted).flatMap(([name, value]) => (value !== undefined && plain[name] === undefined ? [[name, String(value)] as const] : []));
}
