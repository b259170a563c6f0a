import { randomUUID } from 'node:crypto';
import { createSecretToken, hashToken } from '../../platform/crypto/index.js';
import { type Principal, type RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { PolicyValues } from '../privacy/index.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import type { TSubmitRequest } from './rights.schema.js';
import type { RequestKind } from './rights.tables.js';
import * as store from './rights.store.js';

/** How long an identity-confirmation link works. */

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
export async function submitRequest(deps: RightsDeps, input: TSubmitRequest, ctx: RequestContext) {
  const values = await deps.policy.values();
  const now = deps.now();
  const receivedOn = calendarDate(now);
  const dueOn = dueDateFor(values, input.jurisdiction, receivedOn);
  const { token, hash } = createSecretToken();
  const id = randomUUID();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rights_requests')
      .values({
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
      })
      .execute();
    await recordAudit(trx, deps, { actor: { id: null, role: input.agent ? 'authorised_agent' : 'visitor' }, action: 'rights.request_received', target: { type: 'rights_request', id }, requestId: ctx.requestId, details: { kind: input.kind, jurisdiction: input.jurisdiction } });
    const link = `${deps.publicUrl}/privacy/requests/confirm?token=${token}`;
    const out = [
      await deps.mail.enqueue(trx, {
        to: input.email,
        kind: 'rights.request_verify',
        subject: 'Please confirm your request about your data',
        text: `${input.agent ? `${input.agent.name} asked us, on your behalf,` : 'You asked us'} to act on your data (${describeKind(input.kind)}). Before we do anything, confirm that this is you and that you want it, within ${deps.settings.requestConfirmHours} hours:\n${link}\n\nIf you did not ask for this, ignore this e-mail: nothing will happen.`,
      }),
    ];
    if (input.agent) {
      out.push(
        await deps.mail.enqueue(trx, {
          to: input.agent.email,
          kind: 'rights.request_agent_received',
          subject: 'We received the request you sent on someone\'s behalf',
          text: `We received your request for ${input.name}. We have asked them to confirm it by e-mail; we act on it once they have. We answer by ${dueOn}.`,
        }),
      );
    }
    return out;
  });
  for (const deliver of deliveries) await deliver();
  return { id, dueOn };
}

/** The e-mailed link: confirms the address, starts the queue entry, links an account that uses the address. */
export async function verifyRequest(deps: RightsDeps, token: string, ctx: RequestContext) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rights_requests').selectAll().where('verify_token_hash', '=', hashToken(token)).forUpdate().executeTakeFirst();
    if (!row || row.verified_at || !row.verify_expires_at || row.verify_expires_at.getTime() < now.getTime()) throw rightsErrors.badVerifyLink();
    const account = await store.findUserByEmail(trx, row.email);
    await trx
      .updateTable('rights_requests')
      .set({ status: 'open', verified_at: now, verify_token_hash: null, user_id: account?.id ?? null })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, deps, { actor: SYSTEM_ACTOR, action: 'rights.request_verified', subjectId: account?.id ?? null, target: { type: 'rights_request', id: row.id }, requestId: ctx.requestId });
    return { id: row.id, kind: row.kind, dueOn: row.due_on };
  });
}

/** A correction the person cannot make themselves (anything but their own profile fields) goes to staff. */
export async function requestCorrection(deps: RightsDeps, p: Principal, input: { jurisdiction?: string | undefined; what: string; correction: string }, ctx: RequestContext) {
  const active = await deps.policy.current();
  const jurisdiction = input.jurisdiction ?? active.manifest.rights.jurisdictions[0]!.id;
  const now = deps.now();
  const receivedOn = calendarDate(now);
  const dueOn = dueDateFor(active.values, jurisdiction, receivedOn);
  return deps.db.transaction().execute(async (trx) => {
    const user = await store.findUser(trx, p.userId);
    if (!user) throw rightsErrors.subjectNotFound();
    const id = randomUUID();
    await trx
      .insertInto('rights_requests')
      .values({ id, kind: 'rectification', name: user.name, email: user.email, jurisdiction, details: `${input.what}\n\nShould be: ${input.correction}`, user_id: user.id, agent_name: null, agent_email: null, agent_authority: null, status: 'open', verify_token_hash: null, verify_expires_at: null, verified_at: now, received_on: receivedOn, due_on: dueOn, extension_reason: null, extended_at: null, answer: null, answered_at: null, handled_by: null, reminded_for: null, created_at: now })
      .execute();
    await recordAudit(trx, deps, { actor: { id: p.userId, role: p.role }, action: 'rights.request_received', subjectId: p.userId, target: { type: 'rights_request', id }, requestId: ctx.requestId, details: { kind: 'rectification', jurisdiction } });
    return { id, dueOn };
  });
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
