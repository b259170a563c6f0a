import type { Transporter } from 'nodemailer';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  replyTo?: string;
  messageId?: string;
};

/** Who a message is from: the operator's name (the manifest's) and the configured sender address. */
export type Sender = { name: string; address: string };

/** Where a message goes: an SMTP relay, or nowhere beyond the outbox table (the default). */
export type MailTransport = {
  kind: 'smtp' | 'outbox-only';
  send(mail: OutgoingMail & { from: Sender }): Promise<void>;
};

export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) return { kind: 'outbox-only', send: async () => {} };
  // nodemailer loads with the first message sent, not when the server starts.
  let transporter: Promise<Transporter> | undefined;
  return {
    kind: 'smtp',
    // nodemailer adds Date and a Message-ID on the sender's domain when the message names none.
    send: async (mail) => {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      await (await transporter).sendMail(mail);
    },
  };
}

/** The address part of MESHVAULT_MAIL_FROM (`Name <a@b>` or `a@b`). */
export function senderAddress(configured: string): string {
  const match = /<([^>]+)>\s*$/.exec(configured);
  return (match ? match[1]! : configured).trim();
}
