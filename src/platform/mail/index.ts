export { createMailTransport, type MailTransport, type OutgoingMail } from './mail-transport.js';
export type { MailMessage } from './mail-message.js';
