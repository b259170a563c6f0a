import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { isAppError } from '../errors/index.js';
import type { Logger } from '../log/index.js';

export type InboundEnvelope = { from: string | null; to: string[] };

export type InboundSmtpOptions = {
  port: number;
  host: string;
  /** The largest message accepted (announced with SIZE; a larger one is refused). */
  maxBytes: number;
  /** Whether mail for this recipient is ours: anything else is refused at RCPT, so this is no open relay. */
  accepts(address: string): boolean;
  /** Takes the raw message; a throw refuses it with a temporary error so the sender's server retries. */
  deliver(raw: Buffer, envelope: InboundEnvelope): Promise<unknown>;
  log: Logger;
};

export type InboundSmtp = { port: number; close(): Promise<void> };

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The listener that receives e-mail for the installation (the support desk's address and its reply
 * addresses). A network server, so it lives here and knows no module: the app hands it the function
 * that takes each message. No AUTH: it accepts mail only for its own addresses, as an MX does; put a
 * TLS-terminating MTA in front of it for the internet (see the operator guide).
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const server = new SMTPServer({
    banner: 'Meshvault inbound mail',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(options.accepts(address.address) ? null : smtpError(550, 'No such mailbox here'));
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw smtpError(552, 'Message too large');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          await options.deliver(raw, { from: from || null, to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        })
        .catch((error: unknown) => {
          // A refusal of the domain (the feature is off, the message is unusable) is final; anything else is retried.
          const code = (error as { responseCode?: number }).responseCode ?? (isAppError(error) && error.code !== 'unavailable' ? 550 : undefined);
          // Never the message or an address in the log: only that one was refused and why.
          options.log.warn({ err: (error as Error).message }, 'inbound mail refused');
          callback(code ? smtpError(code, code === 550 && isAppError(error) ? 'Message refused' : (error as Error).message) : smtpError(451, 'Could not take the message now, try again later'));
        });
    },
  });
  server.on('error', (error) => options.log.warn({ err: error.message }, 'inbound mail listener error'));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
