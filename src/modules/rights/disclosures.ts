import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit, type AuditDeps } from '../audit/index.js';
import type { TManifest } from '../privacy/index.js';
import { assertProcessingAllowed } from './processing-check.js';
import type { RightsDb, RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import * as store from './rights.store.js';
import type { RightsTables } from './rights.tables.js';
import { AppError } from '../../platform/errors/index.js';

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
  return deps.db.transaction().execute(async (trx) => {
    const subjectId = await resolveSubject(trx, subject);
    const id = randomUUID();
    await insertDisclosure(trx, deps, { id, subjectId, kind: input.kind, recipient: input.recipient, categories: input.categories, legalBasis: input.legalBasis, reference: input.reference ?? null, disclosedAt: input.disclosedAt ?? deps.now(), recordedBy: p.userId });
    const via = 'requestId' in subject ? { rightsRequest: subject.requestId } : {};
    await recordAudit(trx, deps, { actor: { id: p.userId, role: p.role }, action: 'rights.disclosure_recorded', subjectId, target: { type: 'disclosure', id }, requestId: ctx.requestId, details: { kind: input.kind, categories: input.categories, ...via } });
    return { id };
  });
}

async function resolveSubject(trx: Queryable<RightsDb>, subject: TDisclosureSubject): Promise<string> {
  if ('id' in subject) {
    const user = await store.findUser(trx, subject.id);
    if (!user) throw rightsErrors.subjectNotFound();
    return user.id;
  }
  if ('email' in subject) {
    const user = await store.findUserByEmail(trx, subject.email);
    if (!user) throw rightsErrors.noAccountForEmail();
    return user.id;
  }
  const request = await trx.selectFrom('rights_requests').select(['user_id', 'email', 'verified_at']).where('id', '=', subject.requestId).executeTakeFirst();
  if (!request) throw rightsErrors.requestNotFound();
  // Until the requester confirms the address, nothing ties the request to an account.
  if (!request.verified_at) throw rightsErrors.requestUnverified();
  const user = request.user_id ? await store.findUser(trx, request.user_id) : await store.findUserByEmail(trx, request.email);
  if (!user) throw rightsErrors.noAccountForRequest('disclosure');
  return user.id;
}

/**
 * For integrations: records that `categories` of a person were delivered to a recipient the manifest
 * declares — refused when the person restricted processing or objected to integrations. Call it in
 * the transaction that marks the delivery done.
 */
export async function recordIntegrationDelivery(
  trx: Queryable<RightsTables & RightsDb>,
  deps: AuditDeps,
  manifest: Pick<TManifest, 'recipients'>,
  input: { userId: string; recipientId: string; categories: string[]; reference?: string },
) {
  await assertProcessingAllowed(trx, input.userId, 'integrations');
  const recipient = manifest.recipients.find((r) => r.id === input.recipientId);
  if (!recipient) throw rightsErrors.unknownRecipient(input.recipientId, manifest.recipients.map((r) => r.id));
  const notAllowed = input.categories.filter((c) => !(recipient.categories as string[]).includes(c));
  if (notAllowed.length) throw new AppError('forbidden', `The privacy manifest does not allow sending ${notAllowed.join(', ')} to ${recipient.name}.`, { categories: notAllowed });
  const id = randomUUID();
  await insertDisclosure(trx, deps, { id, subjectId: input.userId, kind: 'integration', recipient: recipient.name, categories: input.categories, legalBasis: 'as the privacy policy describes for this recipient', reference: input.reference ?? null, disclosedAt: deps.now(), recordedBy: null });
  return { id };
}

async function insertDisclosure(
  trx: Queryable<RightsTables>,
  deps: AuditDeps,
  d: { id: string; subjectId: string; kind: 'integration' | 'authority' | 'third_party'; recipient: string; categories: string[]; legalBasis: string; reference: string | null; disclosedAt: Date; recordedBy: string | null },
) {
  await trx
    .insertInto('disclosures')
    .values({ id: d.id, subject_id: d.subjectId, kind: d.kind, recipient: d.recipient, categories: JSON.stringify(d.categories), legal_basis: d.legalBasis, reference: d.reference, disclosed_at: d.disclosedAt, recorded_by: d.recordedBy, created_at: deps.now() })
    .execute();
}
