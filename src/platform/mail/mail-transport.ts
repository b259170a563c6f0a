import nodemailer from 'nodemailer';

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
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    send: async (mail) => {
      await transporter.sendMail(mail);
    },
  };
}
