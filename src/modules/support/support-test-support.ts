import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import nodemailer from 'nodemailer';
import type { TestApp } from '../../test-support/test-app.js';
import type { createClient } from '../../test-support/http-client.js';

/** The settings support tests run with: the cheapest challenge, a listener on a free port, our domain. */
export const SUPPORT_TEST_ENV = {
  MESHVAULT_SUPPORT_CHALLENGE_COST: '1',
  MESHVAULT_SUPPORT_SMTP_PORT: '0',
  MESHVAULT_SUPPORT_ADDRESS: 'support@meshvault.test',
  MESHVAULT_SUPPORT_FORMS_PER_IP_HOUR: '1000',
};

/** Does what the contact form's browser code does: fetches a challenge and solves it. */
export async function solvedChallenge(client: ReturnType<typeof createClient>): Promise<string> {
  const challenge = (await client.get('/api/support/challenge')).json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge was not solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

export async function contactForm(client: ReturnType<typeof createClient>, over: Record<string, unknown> = {}) {
  const challenge = await solvedChallenge(client);
  return client.post('/api/support/contact', { name: 'Vera Visitor', email: 'vera@example.com', topic: 'question', message: 'Can you print in PETG?', challenge, ...over });
}

/** The confirmation link's query from the newest mail to `to`. */
export async function confirmationOf(app: TestApp, to: string) {
  const [message] = await app.services.mail.list({ limit: 1, to });
  const match = /support\/confirm\?ticket=([\w-]+)&expires=(\d+)&signature=([\w-]+)/.exec(message?.body_text ?? '');
  if (!match) throw new Error(`no confirmation link mailed to ${to}`);
  return { ticket: match[1]!, expires: Number(match[2]), signature: match[3]! };
}

/** Sends real mail over SMTP to the app's inbound listener, as the person's mail server would. */
export async function sendMailToListener(app: TestApp, mail: { from: string; to: string; subject?: string; text?: string; html?: string; inReplyTo?: string; attachments?: Array<{ filename: string; content: Buffer }>; headers?: Record<string, string> }) {
  if (!app.inboundMail) throw new Error('the inbound mail listener is not running');
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: app.inboundMail.port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ subject: 'Re: your message', ...mail });
  } finally {
    transport.close();
  }
}
