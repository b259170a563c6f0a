import type { Principal, RequestContext } from '../../platform/http/index.js';
import { AppError } from '../../platform/errors/index.js';
import { byPrincipal, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact, findUserContactByEmail } from '../accounts/index.js';
import { accountIdOfRequest } from '../rights-requests/index.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';

export type TDisclosureFacts = {
  kind: 'authority' | 'third_party';
  /** A recipient of the policy by its id, or the name of one outside it (recorded as such). */
  recipient: string;
  legalBasis: string;
  categories: string[];
  reference?: string | undefined;
  disclosedAt?: Date | undefined;
};

/** Whose data was disclosed: an account by id or by e-mail address, or the account of a rights request. */
export type TDisclosureSubject = { id: string } | { email: string } | { requestId: string };

/**
 * A privacy officer records a disclosure made outside the system (to an authority, with its legal
 * basis). It is a hand-over like any other (egress `handOver`): to a recipient of the policy, only
 * the categories declared for it; to one outside the policy, only categories the policy declares,
 * and the entry is flagged "outside the policy". The law requires it, so a restriction does not stop it.
 */
export async function recordDisclosure(deps: RightsDeps, p: Principal, subject: TDisclosureSubject, input: TDisclosureFacts, ctx: RequestContext) {
  if (input.disclosedAt && input.disclosedAt.getTime() > deps.now().getTime()) throw new AppError('unprocessable', 'The date of the disclosure is in the future; record a disclosure once it was made.');
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const subjectId = await resolveSubject(work, subject);
    const via = 'requestId' in subject ? { rightsRequest: subject.requestId } : {};
    const recorded = await deps.egress.handOver(work, {
      recipient: input.recipient,
      processing: 'required',
      subjectId,
      legalBasis: input.legalBasis,
      kind: input.kind,
      reference: input.reference ?? null,
      ...(input.disclosedAt ? { disclosedAt: input.disclosedAt } : {}),
      // An officer names categories, not values: what was disclosed left outside the system.
      data: Object.fromEntries(input.categories.map((category) => [category, { category, value: null }])),
      audit: { action: 'rights.disclosure_recorded', details: { kind: input.kind, categories: input.categories, ...via } },
    });
    return { id: recorded.id, outsidePolicy: recorded.outsidePolicy };
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
