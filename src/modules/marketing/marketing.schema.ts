import { z } from 'zod';
import { ZPostalAddress } from '../accounts/index.js';
import { MARKETING_CHANNELS } from '../privacy/index.js';

const ZId = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'expected an id of the privacy policy, such as "newsletter"');
export const ZChannel = z.enum(MARKETING_CHANNELS);

export const ZChoice = z.strictObject({ purpose: ZId, topic: ZId, channel: ZChannel, optedIn: z.boolean() });
/** The sign-up form and the preferences page ask the same address (accounts holds the schema for the sign-up). */
export { ZPostalAddress, type TPostalAddress } from '../accounts/index.js';

export const ZSetPreferences = z.strictObject({
  choices: z.array(ZChoice).max(200).default([]),
  /** Interest-based advertising (a consent-based advertising purpose of the policy): false opts out. */
  interestBasedAds: z.boolean().optional(),
  /** The address for mail by post: needed to opt in by post (whatever the source) unless one was given before. */
  postalAddress: ZPostalAddress.optional(),
  /** Where the choice was made: the sign-up form's ticks, or the preferences page (default). It changes no rule. */
  source: z.enum(['sign_up', 'account_page']).default('account_page'),
});
export type TSetPreferences = z.infer<typeof ZSetPreferences>;

const ZTopic = z.object({ id: z.string(), name: z.string(), description: z.string().nullable() });
export const ZOfferPurpose = z.object({ id: z.string(), name: z.string(), optIn: z.boolean(), channels: z.array(ZChannel), topics: z.array(ZTopic) });
/** What the sign-up form offers; `asksPostalAddress`: ticking a box on the post channel asks the address. */
export const ZOffer = z.object({ purposes: z.array(ZOfferPurpose), asksPostalAddress: z.boolean() });

export const ZPreferences = z.object({
  purposes: z.array(ZOfferPurpose),
  /** Each offered purpose, topic and channel and whether the person is opted in to it now. */
  choices: z.array(ZChoice.extend({ decidedAt: z.date().nullable(), method: z.string().nullable() })),
  /** Whether opting in by post asks a postal address, and the one given (null: none). */
  asksPostalAddress: z.boolean(),
  postalAddress: ZPostalAddress.nullable(),
  /** null when the policy has no interest-based advertising to opt out of. */
  interestBasedAds: z.boolean().nullable(),
  /** Every marketing decision, newest first: what, when, how, under which policy version. */
  history: z.array(z.object({ scope: z.string(), decision: z.string(), method: z.string(), policyVersion: z.number(), decidedAt: z.date() })),
});
export type TPreferences = z.infer<typeof ZPreferences>;

export const ZCampaignInput = z.strictObject({
  purpose: ZId,
  topic: ZId,
  channel: ZChannel,
  subject: z.string().trim().min(1).max(200),
  bodyMarkdown: z.string().trim().min(1).max(50_000),
});
export type TCampaignInput = z.infer<typeof ZCampaignInput>;

export const ZCampaign = z.object({
  id: z.uuid(),
  purpose: z.string(),
  topic: z.string(),
  channel: ZChannel,
  subject: z.string(),
  bodyMarkdown: z.string(),
  status: z.enum(['draft', 'sending', 'sent']),
  createdAt: z.date(),
  progress: z.object({ examined: z.number(), reached: z.number(), startedAt: z.date().nullable(), finishedAt: z.date().nullable() }),
});
export type TCampaign = z.infer<typeof ZCampaign>;

export const ZPreview = z.object({ subject: z.string(), text: z.string(), html: z.string() });
