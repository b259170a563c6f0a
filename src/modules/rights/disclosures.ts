import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { AppError } from '../../platform/errors/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUserContactByEmail } from '../accounts/index.js';
import type { TManifest } from '../privacy/index.js';
import { accountIdOfRequest } from '../rights-requests/index.js';
import { assertProcessingAllowed } from './processing-check.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import * as store from './rights.store.js';
import type { RightsTables } from './rights.tables.js';

export type TDisclosureFacts = {
  kind: 'authority' | 'third_party';
  recipient: string;
  legalBasis: string;
  categories: string[];
  reference?: string | undefined;
  disclosedAt?: Date | undefined;
};

/** Whose data was disclosed: an account by id or by e-mail address, or the account of a rights request. */
export type TDisclosureSubject = { id: string } | { email: string } | { requestId: string };

/** A privacy officer records a disclosure made outside the system (to an authority, with its legal basis). */
export async function recordDisclosure(deps: RightsDeps, p: Principal, subject: TDisclosureSubject, input: TDisclosureFacts, ctx: RequestContext) {
  const values = await deps.policy.values();
  const undeclared = input.categories.filter((c) => !values.isDeclared(c));
  if (undeclared.length) throw new AppError('unprocessable', `The privacy manifest does not declare ${undeclared.join(', ')}; name the categories as the policy does.`, { categories: undeclared });
  if (input.disclosedAt && input.disclosedAt.getTime() > deps.now().getTime()) throw new AppError('unprocessable', 'The date of the disclosure is in the future; record a disclosure once it was made.');
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const subjectId = await resolveSubject(work, subject);
    const id = randomUUID();
    await store.insertDisclosure(tablesOf<RightsTables>(work), { id, subjectId, kind: input.kind, recipient: input.recipient, categories: input.categories, legalBasis: input.legalBasis, reference: input.reference ?? null, disclosedAt: input.disclosedAt ?? deps.now(), recordedBy: p.userId, createdAt: deps.now() });
    const via = 'requestId' in subject ? { rightsRequest: subject.requestId } : {};
    await work.audit({ action: 'rights.disclosure_recorded', subjectId, target: { type: 'disclosure', id }, details: { kind: input.kind, categories: input.categories, ...via } });
    return { id };
  });
}

async function resolveSubject(work: Work, subject: TDisclosureSubject): Promise<string> {
  if ('id' in subject) {
    const user = await findUserContact(work, subject.id);
    if (!user) throw rightsErrors.subjectNotFound();
    return user.id;
  }
  if ('email' in subject) {
    const user = await findUserContactByEmail(work, subject.email);
    if (!user) throw rightsErrors.noAccountForEmail();
    return user.id;
  }
  // Until the requester confirms the address, nothing ties the request to an account.
  return accountIdOfRequest(work, subject.requestId, 'disclosure');
}

/**
 * For integrations: records that `categories` of a person were delivered to a recipient the manifest
 * declares — refused when the person restricted processing or objected to integrations. Call it in
 * the work that marks the delivery done.
 */
export async function recordIntegrationDelivery(
  work: Work,
  clock: { now: () => Date },
  manifest: Pick<TManifest, 'recipients'>,
  input: { userId: string; recipientId: string; categories: string[]; reference?: string },
) {
  await assertProcessingAllowed(work, input.userId, 'integrations');
  const recipient = manifest.recipients.find((r) => r.id === input.recipientId);
  if (!recipient) throw rightsErrors.unknownRecipient(input.recipientId, manifest.recipients.map((r) => r.id));
  const notAllowed = input.categories.filter((c) => !(recipient.categories as string[]).includes(c));
  if (notAllowed.length) throw new AppError('forbidden', `The privacy manifest does not allow sending ${notAllowed.join(', ')} to ${recipient.name}.`, { categories: notAllowed });
  const id = randomUUID();
  await store.insertDisclosure(tablesOf<RightsTables>(work), { id, subjectId: input.userId, kind: 'integration', recipient: recipient.name, categories: input.categories, legalBasis: 'as the privacy policy describes for this recipient', reference: input.reference ?? null, disclosedAt: clock.now(), recordedBy: null, createdAt: clock.now() });
  return { id };
}
