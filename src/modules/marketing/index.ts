/**
 * Marketing: per-channel and per-topic preferences (consent records, from the manifest's marketing
 * purposes), sign-up ticks, the interest-based advertising opt-out, staff campaigns (Markdown, preview,
 * a paced resumable sending job whose audience egress's shared check decides person by person at send
 * time), SMS through the injected provider client, phone and post lists, RFC 8058 one-click
 * unsubscribe, and organisation admins' view of their members' choices. Owns `marketing_campaigns`
 * and `marketing_deliveries` (the delivery log, which export, erasure and retention walk).
 */
export { marketingUseCases, type MarketingService } from './marketing.use-cases.js';
export { registerMarketingRoutes } from './marketing.routes.js';
export { registerUnsubscribeRoutes } from './unsubscribe.routes.js';
export { marketingJobs } from './marketing.jobs.js';
export type { MarketingDeps } from './marketing.deps.js';
export { marketingData } from './personal-data.js';
export { createSignUpPostalCheck, createSignUpTicksRecorder } from './preferences.js';
export { isUnsubscribeAddress, unsubscribeAddressOf } from './unsubscribe-by-mail.js';
