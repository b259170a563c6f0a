import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './public-address.js';

export type WebhookClientOptions = {
  /** Let webhooks reach private, loopback and link-local addresses (a closed network, tests). Default false. */
  allowPrivateAddresses?: boolean;
  /** The whole attempt, connection to answer. */
  timeoutMs: number;
  /** Name resolution (tests give their own); default the system's. */
  lookup?: LookupFunction;
};

export type WebhookRequest = { url: string; headers: Record<string, string>; body: string };

/**
 * What came of an attempt. `reached: false` means nothing left this host (a refused address, a name
 * that does not resolve, a connection that could not be made): the recipient received nothing.
 */
export type WebhookOutcome =
  | { reached: true; status: number; responseExcerpt: string }
  | { reached: true; status: null; error: string }
  | { reached: false; error: string; refused: boolean };

export type WebhookClient = {
  send(request: WebhookRequest): Promise<WebhookOutcome>;
  /** The longest one `send` takes: a sender may hold a claim on what it sends for this long (and a margin). */
  readonly timeoutMs: number;
  /** Refuses (with the reason, in words) a URL that is not http(s) or names an address webhooks may not reach; null when it may be tried. */
  checkUrl(url: string): Promise<string | null>;
};

const EXCERPT_BYTES = 1024;
const NO_SUCH_HOST = 'this host name does not resolve';

class RefusedAddress extends Error {
  override readonly name = 'RefusedAddress';
}

/**
 * Sends webhooks over HTTP(S), following no redirect, within a timeout, and only to public addresses
 * unless the operator allows others: the host's every DNS answer is checked, the connection is made
 * to a checked address (a custom `lookup` on the agent, so a second resolution cannot swap it), and
 * the socket's connected peer is checked again before anything is written.
 */
export function createWebhookClient(options: WebhookClientOptions): WebhookClient {
  const allowPrivate = options.allowPrivateAddresses ?? false;
  const resolve = options.lookup ?? dnsLookup;
  const allowed = (address: string) => allowPrivate || isPublicAddress(address);

  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }];
      const refused = list.find((a) => !allowed(a.address));
      if (refused || list.length === 0) return callback(new RefusedAddress(`${hostname} resolves to an address webhooks may not reach`), '', 0);
      if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
  const agents = { 'http:': new HttpAgent({ lookup: guardedLookup }), 'https:': new HttpsAgent({ lookup: guardedLookup }) };

  async function checkUrl(raw: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs can receive webhooks';
    if (url.username || url.password) return 'a webhook URL may not carry a user name or password';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return allowed(host) ? null : 'this address is private, loopback, link-local or otherwise not on the public internet';
    return new Promise((done) =>
      guardedLookup(host, {}, (error) => done(error ? (error instanceof RefusedAddress ? 'this host resolves to an address that is not on the public internet' : NO_SUCH_HOST) : null)),
    );
  }

  async function send(request: WebhookRequest): Promise<WebhookOutcome> {
    const problem = await checkUrl(request.url);
    if (problem) return { reached: false, error: problem, refused: problem !== NO_SUCH_HOST };
    const url = new URL(request.url);
    const protocol = url.protocol as 'http:' | 'https:';
    const body = Buffer.from(request.body, 'utf8');
    return new Promise<WebhookOutcome>((settle) => {
      let connected = false;
      let done = false;
      const finish = (outcome: WebhookOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        settle(outcome);
      };
      const req = (protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: agents[protocol],
        headers: { ...request.headers, 'content-length': String(body.length), 'user-agent': 'Meshvault-Webhooks/1' },
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
      req.on('socket', (socket) => {
        const check = () => {
          const peer = socket.remoteAddress ?? '';
          if (!allowed(peer)) req.destroy(new RefusedAddress('the connection reached an address webhooks may not reach'));
          else connected = true;
        };
        if (socket.remoteAddress && !socket.connecting) check();
        else socket.once('connect', check);
      });
      req.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => finish({ reached: true, status: response.statusCode ?? 0, responseExcerpt: Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_BYTES) }));
        response.on('error', () => finish({ reached: true, status: response.statusCode ?? 0, responseExcerpt: '' }));
      });
      req.on('error', (error) => {
        if (error instanceof RefusedAddress) return finish({ reached: false, error: error.message, refused: true });
        finish(connected ? { reached: true, status: null, error: error.message } : { reached: false, error: error.message, refused: false });
      });
      req.end(body);
    });
  }

  return { send, checkUrl, timeoutMs: options.timeoutMs };
}
