import type { ModuleJob } from '../../platform/jobs/index.js';
import type { MarketingDeps } from './marketing.deps.js';
import { sendCampaignJob } from './send-campaign.js';

/** The marketing module's jobs for the app to register: the paced, resumable campaign sender. */
export function marketingJobs(deps: MarketingDeps): ModuleJob[] {
  return [{ job: sendCampaignJob(deps) }];
}
