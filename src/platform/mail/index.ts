export { createMailTransport, type MailTransport, type OutgoingMail } from './mail-transport.js';
