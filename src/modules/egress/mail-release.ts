import type { Work } from '../../platform/unit-of-work/index.js';
import type { EgressDeps } from './egress.deps.js';
import { egressErrors } from './egress.errors.js';
import { handOver } from './hand-over.js';
import { mailContentCategory, mailGrounds } from './mail-grounds.js';
import { isMarketingAllowed, type MarketingTarget } from './marketing-check.js';
import { assertMayProcess } from './processing-check.js';

/** An outbox message about to be handed to the mail transport; `marketing` names a campaign's purpose, topic and channel. */
export type OutgoingMessage = { id: string; userId: string | null; to: string; kind: string; subject: string; text: string; marketing?: MarketingTarget | null };

/**
 * Asked by the mail delivery, in the work that marks the message sent, just before SMTP: throws when
 * the message must not leave (the person's restriction or opt-out, or a mail provider the policy does
 * not allow these categories), else records the hand-over to the mail provider, if there is one.
 */
export async function releaseMail(deps: EgressDeps, work: Work, message: OutgoingMessage): Promise<void> {
  const processing = mailGrounds(message.kind);
  const target = message.marketing ?? null;
  // A marketing message asks THE campaign audience's check, for its topic and channel, at this moment.
  if (target && message.userId && !(await isMarketingAllowed(deps, work, message.userId, target))) throw egressErrors.marketingNotAllowed(target);
  if (!deps.mailRecipient) {
    // The operator's own server delivers: no third party receives it, but the person's choices hold.
    if (message.userId) await assertMayProcess(work, message.userId, processing);
    return;
  }
  await handOver(deps, work, {
    recipient: deps.mailRecipient,
    processing,
    // The purpose the message is for, and the person's choice for its topic and channel, not the purpose's.
    ...(target ? { purpose: target.purpose, marketing: { topic: target.topic, channel: target.channel } } : {}),
    subjectId: message.userId,
    kind: 'mail',
    reference: message.id,
    data: {
      to: { category: 'contact.email', value: message.to },
      subject: { category: mailContentCategory(message.kind), value: message.subject },
      text: { category: mailContentCategory(message.kind), value: message.text },
    },
  });
}
