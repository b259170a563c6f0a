import type { Transporter } from 'nodemailer';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  messageId?: string;
};

/** Where a message goes: an SMTP relay, or nowhere beyond the outbox table (the default). */
export type MailTransport = {
  kind: 'smtp' | 'outbox-only';
  send(mail: OutgoingMail & { from: string }): Promise<void>;
};

export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) return { kind: 'outbox-only', send: async () => {} };
  // nodemailer loads with the first message sent, not when the server starts.
  let transporter: Promise<Transporter> | undefined;
  return {
    kind: 'smtp',
    send: async (mail) => {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      await (await transporter).sendMail(mail);
    },
  };
}
