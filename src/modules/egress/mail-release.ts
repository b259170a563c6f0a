import type { Work } from '../../platform/unit-of-work/index.js';
import type { EgressDeps } from './egress.deps.js';
import { handOver } from './hand-over.js';
import { mailContentCategory, mailGrounds } from './mail-grounds.js';
import { assertMayProcess } from './processing-check.js';

/** An outbox message about to be handed to the mail transport. */
export type OutgoingMessage = { id: string; userId: string | null; to: string; kind: string; subject: string; text: string };

/**
 * Asked by the mail delivery, in the work that marks the message sent, just before SMTP: throws when
 * the message must not leave (the person's restriction or opt-out, or a mail provider the policy does
 * not allow these categories), else records the hand-over to the mail provider, if there is one.
 */
export async function releaseMail(deps: EgressDeps, work: Work, message: OutgoingMessage): Promise<void> {
  const processing = mailGrounds(message.kind);
  if (!deps.mailRecipient) {
    // The operator's own server delivers: no third party receives it, but the person's choices hold.
    if (message.userId) await assertMayProcess(work, message.userId, processing);
    return;
  }
  await handOver(deps, work, {
    recipient: deps.mailRecipient,
    processing,
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
