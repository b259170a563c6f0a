import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { createCampaign, getCampaign, listCampaigns, previewCampaign, sendCampaign, updateCampaign } from './campaigns.js';
import { campaignContactList } from './contact-lists.js';
import type { MarketingDeps } from './marketing.deps.js';
import { memberMarketingPreferences } from './member-preferences.js';
import { marketingOptions, myMarketingPreferences, setMyMarketingPreferences } from './preferences.js';
import { sendCampaignBatch } from './send-campaign.js';
import { describeUnsubscribe, unsubscribe } from './unsubscribe.js';
import { unsubscribeByMail } from './unsubscribe-by-mail.js';

export const marketingUseCases = {
  marketingOptions,
  myMarketingPreferences,
  setMyMarketingPreferences,
  memberMarketingPreferences,
  describeUnsubscribe,
  unsubscribe,
  unsubscribeByMail,
  createCampaign,
  updateCampaign,
  listCampaigns,
  getCampaign,
  previewCampaign,
  sendCampaign,
  sendCampaignBatch,
  campaignContactList,
};

export type MarketingService = BoundUseCases<MarketingDeps, typeof marketingUseCases>;
