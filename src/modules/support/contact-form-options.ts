import type { SupportDeps } from './support.deps.js';
import { CONTACT_FIELD_CATEGORIES } from './submit-contact.js';
import { TICKET_TOPICS } from './support.tables.js';

/** What the contact form asks, from the policy in force: no name field unless contact.name is declared. */
export async function contactFormOptions(deps: SupportDeps) {
  const values = await deps.policy.values();
  return {
    fields: { name: values.isDeclared(CONTACT_FIELD_CATEGORIES.name) },
    topics: [...TICKET_TOPICS],
    attachments: { maxBytes: deps.settings.attachmentMaxBytes, maxCount: deps.settings.attachmentMaxCount },
  };
}
