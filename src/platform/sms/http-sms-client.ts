import { AppError } from '../errors/index.js';

/**
 * The SMS provider adapter: one call, send a text to a number. It knows no people or campaigns; the
 * caller passes only what egress released. `createHttpSmsClient` speaks to a generic HTTP provider
 * (JSON `{to, text}`, Bearer token, an id back); another provider is another implementation of this type.
 */
export type SmsClient = { send(input: { to: string; text: string; reference: string }): Promise<{ providerId: string | null }> };

export type HttpSmsOptions = {
  url: string;
  token?: string | undefined;
  /** Kept short: the calling unit of work holds its connection meanwhile. */
  timeoutMs?: number;
};

export function createHttpSmsClient(opts: HttpSmsOptions): SmsClient {
  return {
    async send(input) {
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': input.reference, ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
          body: JSON.stringify({ to: input.to, text: input.text }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch {
        throw new AppError('unavailable', 'The SMS provider could not be reached.', { provider: 'sms' });
      }
      const body = (await res.json().catch(() => ({}))) as { id?: unknown };
      if (!res.ok) throw new AppError('unavailable', 'The SMS provider refused the message.', { provider: 'sms', status: res.status });
      return { providerId: typeof body.id === 'string' ? body.id : null };
    },
  };
}
