import { randomUUID } from 'node:crypto';
import { createSecretToken, hashToken } from '../../platform/crypto/index.js';
import { type Principal, type RequestContext } from '../../platform/http/index.js';
import { byPrincipal, SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { AppError } from '../../platform/errors/index.js';
import { findUserContact, findUserContactByEmail } from '../accounts/index.js';
import type { PolicyValues } from '../privacy/index.js';
import type { RightsRequestsDeps } from './rights-requests.deps.js';
import { rightsRequestsErrors } from './rights-requests.errors.js';
import { rightsRequestsMails } from './rights-requests.mails.js';
import type { TSubmitRequest } from './rights-requests.schema.js';
import type { RequestKind, RightsRequestsTables } from './rights-requests.tables.js';
import * as store from './rights-requests.store.js';

const tables = (work: Work) => tablesOf<RightsRequestsTables>(work);

export function calendarDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function dueDateFor(values: PolicyValues, jurisdiction: string, receivedOn: string): string {
  try {
    return values.dueDate(jurisdiction, receivedOn);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('unprocessable', error.message, error.details);
    throw error;
  }
}

/**
 * A request from the public form (no account needed). Nothing is done until the person confirms
 * their address by the e-mailed link — also when an agent sent it, since the agent's authority
 * does not prove who the person is.
 */
export async function submitRequest(deps: RightsRequestsDeps, input: TSubmitRequest, ctx: RequestContext) {
  const values = await deps.policy.values();
  const now = deps.now();
  const receivedOn = calendarDate(now);
  const dueOn = dueDateFor(values, input.jurisdiction, receivedOn);
  const { token, hash } = createSecretToken();
  const id = randomUUID();
  const actor = { id: null, role: input.agent ? 'authorised_agent' : 'visitor' };
  await deps.uow.run({ actor, requestId: ctx.requestId }, async (work) => {
    await store.insertRequest(tables(work), {
      id,
      kind: input.kind,
      name: input.name,
      email: input.email.trim().toLowerCase(),
      jurisdiction: input.jurisdiction,
      details: input.details ?? null,
      user_id: null,
      agent_name: input.agent?.name ?? null,
      agent_email: input.agent?.email.trim().toLowerCase() ?? null,
      agent_authority: input.agent?.authority ?? null,
      status: 'unverified',
      verify_token_hash: hash,
      verify_expires_at: new Date(now.getTime() + deps.settings.requestConfirmHours * 3600_000),
      verified_at: null,
      received_on: receivedOn,
      due_on: dueOn,
      extension_reason: null,
      extended_at: null,
      answer: null,
      answered_at: null,
      handled_by: null,
      reminded_for: null,
      created_at: now,
    });
    await work.audit({ action: 'rights.request_received', target: { type: 'rights_request', id }, details: { kind: input.kind, jurisdiction: input.jurisdiction } });
    const link = `${deps.publicUrl}/privacy/requests/confirm?token=${token}`;
    await work.mail({ to: input.email, ...rightsRequestsMails.verify({ agentName: input.agent?.name ?? null, what: describeKind(input.kind), hours: deps.settings.requestConfirmHours, link }) });
    if (input.agent) {
      await work.mail({ to: input.agent.email, ...rightsRequestsMails.agentReceived(input.name, dueOn) });
    }
  });
  return { id, dueOn };
}

/** The e-mailed link: confirms the address, starts the queue entry, links an account that uses the address. */
export async function verifyRequest(deps: RightsRequestsDeps, token: string, ctx: RequestContext) {
  const now = deps.now();
  return deps.uow.run({ actor: SYSTEM_ACTOR, requestId: ctx.requestId }, async (work) => {
    const db = tables(work);
    const row = await store.lockRequestByVerifyToken(db, hashToken(token));
    if (!row || row.verified_at || !row.verify_expires_at || row.verify_expires_at.getTime() < now.getTime()) throw rightsRequestsErrors.badVerifyLink();
    const account = await findUserContactByEmail(work, row.email);
    await store.markVerified(db, row.id, now, account?.id ?? null);
    await work.audit({ action: 'rights.request_verified', subjectId: account?.id ?? null, target: { type: 'rights_request', id: row.id } });
    return { id: row.id, kind: row.kind, dueOn: row.due_on };
  });
}

/** A correction the person cannot make themselves (anything but their own profile fields) goes to staff. */
export async function requestCorrection(deps: RightsRequestsDeps, p: Principal, input: { jurisdiction?: string | undefined; what: string; correction: string }, ctx: RequestContext) {
  const active = await deps.policy.current();
  const jurisdiction = input.jurisdiction ?? active.manifest.rights.jurisdictions[0]!.id;
  const now = deps.now();
  const receivedOn = calendarDate(now);
  const dueOn = dueDateFor(active.values, jurisdiction, receivedOn);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const user = await findUserContact(work, p.userId);
    if (!user) throw rightsRequestsErrors.subjectNotFound();
    const id = randomUUID();
    await store.insertRequest(tables(work), { id, kind: 'rectification', name: user.name, email: user.email, jurisdiction, details: `${input.what}\n\nShould be: ${input.correction}`, user_id: user.id, agent_name: null, agent_email: null, agent_authority: null, status: 'open', verify_token_hash: null, verify_expires_at: null, verified_at: now, received_on: receivedOn, due_on: dueOn, extension_reason: null, extended_at: null, answer: null, answered_at: null, handled_by: null, reminded_for: null, created_at: now });
    await work.audit({ action: 'rights.request_received', subjectId: p.userId, target: { type: 'rights_request', id }, details: { kind: 'rectification', jurisdiction } });
    return { id, dueOn };
  });
}

/**
 * For other modules, in their work: a request that reached us another way (an e-mail to the support
 * desk), filed by the privacy officer who read it. It is in the queue at once (the officer vouches
 * for it), and its deadline runs from the day it arrived, not from the day it was filed.
 */
export async function fileReceivedRequest(work: Work, values: PolicyValues, input: { kind: RequestKind; name: string; email: string; jurisdiction: string; details: string | null; userId: string | null; receivedAt: Date; officerId: string; now: Date; via: { type: string; id: string } }) {
  const receivedOn = calendarDate(input.receivedAt);
  const dueOn = dueDateFor(values, input.jurisdiction, receivedOn);
  const email = input.email.trim().toLowerCase();
  const userId = input.userId ?? (await findUserContactByEmail(work, email))?.id ?? null;
  const id = randomUUID();
  await store.insertRequest(tables(work), { id, kind: input.kind, name: input.name, email, jurisdiction: input.jurisdiction, details: input.details, user_id: userId, agent_name: null, agent_email: null, agent_authority: null, status: 'open', verify_token_hash: null, verify_expires_at: null, verified_at: input.now, received_on: receivedOn, due_on: dueOn, extension_reason: null, extended_at: null, answer: null, answered_at: null, handled_by: input.officerId, reminded_for: null, created_at: input.now });
  await work.audit({ action: 'rights.request_received', subjectId: userId, target: { type: 'rights_request', id }, details: { kind: input.kind, jurisdiction: input.jurisdiction, via: input.via } });
  return { id, receivedOn, dueOn, userId };
}

/** For other modules, in their work: the person's own requests, newest first (their privacy dashboard). */
export async function listRequestsOf(work: Work, userId: string) {
  return store.listRequestsOfUser(tables(work), userId);
}

export function describeKind(kind: RequestKind): string {
  switch (kind) {
    case 'access':
      return 'a copy of the data we hold about you';
    case 'rectification':
      return 'a correction of your data';
    case 'erasure':
      return 'the deletion of your data';
    case 'portability':
      return 'your data in a machine-readable format';
    case 'restriction':
      return 'a restriction of how we process your data';
    case 'objection':
      return 'an objection to how we process your data';
    case 'opt_out':
      return 'an opt-out';
    case 'other':
      return 'a question or request about your data';
  }
}
