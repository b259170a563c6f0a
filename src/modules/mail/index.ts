export { createMailService, type MailService } from './mail.service.js';
export type { MailTables } from './mail.tables.js';
export { mailData } from './personal-data.js';
export { registerMailRoutes } from './mail.routes.js';
export { findNewestMailId } from './outbox-lookup.js';
