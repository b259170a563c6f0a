/**
 * The contact and support desk: the public contact form (spam-checked by proof of work, the address
 * confirmed by a signed link), tickets with their messages, internal notes and attachments (in the
 * vault), the staff inbox with assignment and canned replies, the person's own tickets, replies by
 * e-mail from a reply address per ticket, inbound e-mail threaded back (`receiveMail`, which the app
 * hands the SMTP listener of platform/mail), and tickets filed as privacy requests.
 */
export { supportUseCases, type SupportService } from './support.use-cases.js';
export { registerSupportRoutes, type ContactFormLimits, type SupportRoutesDeps } from './support.routes.js';
export { createTicketClaimHook } from './claim-tickets.js';
export { supportJobs } from './support.jobs.js';
export { isSupportAddress } from './reply-address.js';
export { supportData } from './personal-data.js';
export type { SupportDeps, SupportSettings } from './support.deps.js';
export type { InboundEnvelope, InboundOutcome } from './receive-mail.js';
