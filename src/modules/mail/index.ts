export { createMailService, type DeliverableMail, type MailGate, type MailService } from './mail.service.js';
export { mailData } from './personal-data.js';
export { registerMailRoutes } from './mail.routes.js';
export { findNewestMailId } from './outbox-lookup.js';
