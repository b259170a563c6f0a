import type {
  AnalyticsMode,
  CollectionSource,
  CookieCategory,
  EndAction,
  LegalBasis,
  MarketingChannel,
  NoticeChannel,
  RecipientKind,
  RequestMethod,
  RetentionEvent,
  Right,
  TransferMechanism,
} from './schema.js';

/** Plain-language wording for every enumerated manifest value, shared by all renderers and the diff. */

export const LEGAL_BASIS_WORDS: Record<LegalBasis, string> = {
  contract: 'to perform our contract with you',
  legitimate_interests: 'our legitimate interests',
  consent: 'your consent, which you can withdraw at any time',
  legal_obligation: 'a legal obligation we must meet',
  vital_interests: "to protect someone's vital interests",
  public_task: 'a task carried out in the public interest',
};

export const RETENTION_EVENT_WORDS: Record<RetentionEvent, string> = {
  event_time: 'from when it is collected',
  last_activity: 'after your last activity',
  project_completed: 'after the project is completed',
  order_completed: 'after the order is completed',
  fiscal_year_end: 'after the end of the financial year it belongs to',
  account_closed: 'after your account is closed',
  consent_withdrawn: 'after you withdraw your consent',
  subscription_ended: 'after your subscription or licence ends',
  relationship_ended: 'after you stop being our client',
  session_ended: 'after the session ends',
};

export const END_ACTION_WORDS: Record<EndAction, string> = {
  delete: 'deleted',
  anonymise: 'anonymised so it no longer identifies you',
  aggregate: 'deleted, except anonymous aggregated statistics',
};

export const SOURCE_WORDS: Record<CollectionSource, string> = {
  directly: 'from you',
  automatically: 'automatically when you use our services',
  third_parties: 'from third parties',
};

export const RECIPIENT_KIND_WORDS: Record<RecipientKind, string> = {
  processor: 'service provider acting on our instructions',
  third_party: 'third party',
  affiliate: 'company of our group',
  authority: 'public authority',
};

export const TRANSFER_MECHANISM_WORDS: Record<TransferMechanism, string> = {
  not_required: 'no transfer safeguard needed',
  adequacy: 'an adequacy decision',
  dpf: 'the EU-U.S. Data Privacy Framework',
  scc: 'standard contractual clauses',
  bcr: 'binding corporate rules',
  consent: 'your consent',
  contract_necessity: 'necessity for our contract with you',
};

/** How visits are counted, as a change notice says it. */
export const ANALYTICS_MODE_WORDS: Record<AnalyticsMode, string> = {
  consent: 'per visitor, only with their consent',
  cookieless: 'without cookies, as daily totals only',
};

export const COOKIE_CATEGORY_WORDS: Record<CookieCategory, { title: string; explanation: string }> = {
  essential: { title: 'Essential cookies', explanation: 'These cookies are needed for the site to work, so they cannot be switched off.' },
  functional: { title: 'Functional cookies', explanation: 'These cookies remember your preferences. We set them only if you allow them.' },
  analytics: { title: 'Analytics cookies', explanation: 'These cookies help us understand how the site is used. We set them only if you allow them.' },
  advertising: { title: 'Advertising cookies', explanation: 'These cookies are used to show you advertising. We set them only if you allow them.' },
};

export const RIGHT_WORDS: Record<Right, string> = {
  access: 'Access: get a copy of the personal data we hold about you and learn how we use and share it.',
  rectification: 'Correction: have inaccurate or incomplete data corrected.',
  erasure: 'Deletion: have your personal data deleted, unless we must keep it by law.',
  portability: 'Portability: receive your data in a structured, machine-readable format.',
  restriction: 'Restriction: ask us to limit how we process your data.',
  objection: 'Objection: object to processing based on our legitimate interests.',
  opt_out_marketing: 'Opt out of marketing: stop promotional messages at any time, while still receiving service messages.',
  opt_out_sale_sharing: 'Opt out of sale and sharing: tell us not to sell or share your data for advertising.',
  opt_out_targeted_advertising: 'Opt out of interest-based advertising.',
  limit_sensitive: 'Limit the use of sensitive personal data.',
  withdraw_consent: 'Withdraw consent: withdraw any consent you gave, at any time, without affecting earlier processing.',
  non_discrimination: 'Non-discrimination: we will not treat you differently for exercising your rights.',
  appeal: 'Appeal: ask us to reconsider if we refuse your request.',
  complaint: 'Complaint: complain to a data protection authority.',
};

export const REQUEST_METHOD_WORDS: Record<RequestMethod, string> = {
  email: 'by e-mail',
  web_form: 'with our web form',
  postal: 'by post',
  phone: 'by phone',
  privacy_dashboard: 'in the privacy dashboard of your account',
  account_settings: 'in your account settings',
  organisation_admin: "through your organisation's administrator, if your organisation provided your account",
};

export const CHANNEL_WORDS: Record<MarketingChannel, string> = {
  email: 'e-mail',
  sms: 'SMS',
  phone: 'phone calls',
  post: 'postal mail',
  in_app: 'in-app messages',
};

export const NOTICE_WORDS: Record<NoticeChannel, string> = {
  website: 'a notice on our website',
  email: 'e-mail',
  in_app: 'a message in the app',
};

export function joinWords(words: readonly string[], last = 'and'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1] ?? ''}`;
}
