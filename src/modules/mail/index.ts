export { createMailService, type MailService } from './mail.service.js';
export { mailData } from './personal-data.js';
export { registerMailRoutes } from './mail.routes.js';
// Transitional, while accounts' AccountsDb and privacy still name the outbox table: delete then.
export type { MailTables } from './mail.tables.js';
