export const CAMPAIGN_STATUSES = ['draft', 'sending', 'sent'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const DELIVERY_OUTCOMES = ['sent', 'failed'] as const;

export interface MarketingTables {
  marketing_campaigns: {
    id: string;
    /** A marketing purpose of the manifest, one of its topics, one of its channels. */
    purpose_id: string;
    topic: string;
    channel: string;
    subject: string;
    body_markdown: string;
    status: CampaignStatus;
    created_at: Date;
    updated_at: Date;
    /** Sending: the last account id reached, so a stopped job resumes after it. */
    cursor_user_id: string | null;
    /** How many accounts were looked at, and how many of them it reached. */
    examined: number;
    reached: number;
    started_at: Date | null;
    finished_at: Date | null;
  };
  /** The postal address of a person opted in by post (where the policy asks one), for the mailing list. */
  marketing_postal_addresses: {
    user_id: string;
    line1: string | null;
    line2: string | null;
    postal_code: string | null;
    city: string | null;
    region: string | null;
    country: string | null;
    updated_at: Date | null;
  };
  /** Who received which campaign: each person at most once per campaign. */
  marketing_deliveries: {
    campaign_id: string;
    user_id: string;
    channel: string | null;
    outcome: (typeof DELIVERY_OUTCOMES)[number] | null;
    delivered_at: Date | null;
  };
}
