import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { manifestVariant } from '../privacy/test-manifests.js';

export const CONNECTED = 'connected_platforms';

/**
 * The default manifest plus what connecting systems needs: the e-commerce integration category, and
 * the connected platforms as a recipient of it and of `recipientCategories` (by default project
 * specifications, not the project's title or messages), as seed 000 declares them.
 */
export function integrationsManifest(recipientCategories: string[] = ['integration.ecommerce', 'project.specifications']): string {
  return manifestVariant((doc) => {
    const d = doc as unknown as { categories: Array<Record<string, unknown>>; purposes: Array<{ id: string; categories: string[] }>; retention: Array<{ categories: string[] }>; recipients: Array<Record<string, unknown>> };
    d.categories.push({ id: 'integration.ecommerce', sources: ['third_parties'], from: 'e-commerce systems you choose to connect' });
    d.purposes.find((p) => p.id === 'model_preparation')!.categories.push('integration.ecommerce');
    d.retention.find((r) => r.categories.includes('project.files'))!.categories.push('integration.ecommerce');
    d.recipients.push({
      id: CONNECTED,
      name: 'ERP, CRM and e-commerce platforms you connect',
      kind: 'third_party',
      service: 'Receive the data you choose to share with them.',
      categories: recipientCategories,
      country: 'US',
      transfer_mechanism: 'not_required',
    });
  });
}

export type Received = { headers: IncomingHttpHeaders; body: string; verified: { type: string; timestamp: string; data: Record<string, unknown> } | null };

/**
 * A webhook receiver as a connected system runs one: it verifies each request with the independent
 * `standardwebhooks` package and the secret it was given, and answers what the test tells it to.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  let secret = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      let verified: Received['verified'] = null;
      try {
        verified = new Webhook(secret).verify(body, req.headers as Record<string, string>) as Received['verified'];
      } catch {
        verified = null;
      }
      received.push({ headers: req.headers, body, verified });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    /** The secret the connection showed once. */
    useSecret: (s: string) => void (secret = s),
    /** The next answers, in order (then 204). */
    answer: (...statuses: number[]) => void answers.push(...statuses),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
