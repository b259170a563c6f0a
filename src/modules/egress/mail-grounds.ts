import type { Processing } from './processing-check.js';

/**
 * Why each kind of e-mail is sent, for the person's restriction and opt-outs (see `Processing`).
 * Under a restriction of processing the installation still sends what the person asked for at that
 * moment (address and password links), what protects their account (security alerts), what answers
 * their data rights, and what the law requires (policy-change notices); it holds everything else.
 * A kind not listed here is treated as marketing — the strictest — until it is listed.
 */
const GROUNDS: Record<string, Processing> = {
  'accounts.verify_email': 'required',
  'accounts.reset_password': 'required',
  'accounts.change_email': 'required',
  'accounts.alert_new_device': 'required',
  'accounts.alert_password_changed': 'required',
  'accounts.alert_email_changed': 'required',
  'accounts.alert_sessions_revoked': 'required',
  'accounts.closed': 'required',
  'accounts.sign_in_link': 'required',
  'accounts.sign_up_existing_address': 'required',
  'rights.request_verify': 'required',
  'rights.request_agent_received': 'required',
  // The officer's answers to a data-rights request: extended, refused or done.
  'rights.request_extended': 'required',
  'rights.request_denied': 'required',
  'rights.request_completed': 'required',
  'rights.export_ready': 'required',
  'rights.erasure_certificate': 'required',
  'rights.member_export_notice': 'required',
  'rights.request_reminder': 'service',
  'privacy.policy_changed': 'required',
  'projects.status_changed': 'service',
  'projects.delivery_date_changed': 'service',
  'projects.new_message': 'service',
  'quotes.issued': 'service',
  'quotes.adjusted': 'service',
  'files.analysed': 'service',
  'files.rejected': 'service',
  'orgs.joined_by_domain': 'service',
  'orgs.joined_by_invitation': 'service',
  'orgs.made_admin': 'service',
  'orgs.invitation': 'service',
  'orgs.member_suspended': 'service',
  'orgs.member_reactivated': 'service',
  'orgs.member_removed': 'service',
  // The person wrote to us: confirming their address and answering them is what they asked for.
  'support.confirm_address': 'required',
  'support.reply': 'required',
  'support.privacy_request_filed': 'required',
  'support.ticket_received': 'service',
  // The contract the customer entered: confirming, billing, shipping and renewing it is the service.
  'orders.confirmation': 'service',
  'orders.paid': 'service',
  'orders.shipped': 'service',
  'orders.delivered': 'service',
  'orders.refunded': 'service',
  'orders.cancelled': 'service',
  'subscriptions.started': 'service',
  'subscriptions.renewed': 'service',
  'subscriptions.renewal_reminder': 'service',
  'subscriptions.payment_failed': 'service',
  'subscriptions.cancel_scheduled': 'service',
  'subscriptions.ended': 'service',
  // A campaign: the person's opt-in was asked when it was queued; a restriction or opt-out since stops it.
  'marketing.campaign': 'marketing',
};

/** Whether a kind is listed (a test checks every mail template's kind is). */
export function hasMailGround(kind: string): boolean {
  return Object.hasOwn(GROUNDS, kind);
}

export function mailGrounds(kind: string): Processing {
  return GROUNDS[kind] ?? 'marketing';
}

/**
 * What a message's text is, for the disclosure log and the provider's declared categories: answers
 * of the support desk carry the conversation (communications.support), campaigns are marketing
 * (communications.marketing); everything else is a notice.
 */
export function mailContentCategory(kind: string): 'communications.support' | 'communications.notices' | 'communications.marketing' {
  if (kind.startsWith('marketing.')) return 'communications.marketing';
  return kind.startsWith('support.') ? 'communications.support' : 'communications.notices';
}
