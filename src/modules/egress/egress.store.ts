import type { Queryable } from '../../platform/db/index.js';
import type { DisclosureKind, EgressTables, RestrictionScope } from './egress.tables.js';

type Db = Queryable<EgressTables>;

export async function restrictionsOf(db: Db, userId: string) {
  return db.selectFrom('processing_restrictions').select(['scope', 'since', 'reason']).where('user_id', '=', userId).orderBy('scope').execute();
}

/** Whether the person has a restriction in any of `scopes`. */
export async function hasRestriction(db: Db, userId: string, scopes: readonly RestrictionScope[]): Promise<boolean> {
  return (await db.selectFrom('processing_restrictions').select('scope').where('user_id', '=', userId).where('scope', 'in', scopes).executeTakeFirst()) !== undefined;
}

/** Of `userIds`, those with a restriction in any of `scopes`. */
export async function restrictedAmong(db: Db, userIds: readonly string[], scopes: readonly RestrictionScope[]): Promise<Set<string>> {
  const rows = await db.selectFrom('processing_restrictions').select('user_id').where('user_id', 'in', userIds).where('scope', 'in', scopes).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function setRestriction(db: Db, row: { user_id: string; scope: RestrictionScope; since: Date; reason: string | null }) {
  await db
    .insertInto('processing_restrictions')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'scope']).doUpdateSet({ reason: row.reason }))
    .execute();
}

export async function deleteRestriction(db: Db, userId: string, scope: RestrictionScope) {
  await db.deleteFrom('processing_restrictions').where('user_id', '=', userId).where('scope', '=', scope).execute();
}

export type DisclosureRow = {
  id: string;
  subjectId: string | null;
  kind: DisclosureKind;
  recipient: string;
  categories: string[];
  legalBasis: string;
  purpose: string | null;
  outsidePolicy: boolean;
  reference: string | null;
  disclosedAt: Date;
  recordedBy: string | null;
  createdAt: Date;
};

export async function insertDisclosure(db: Db, d: DisclosureRow) {
  await db
    .insertInto('disclosures')
    .values({
      id: d.id,
      subject_id: d.subjectId,
      kind: d.kind,
      recipient: d.recipient,
      categories: JSON.stringify(d.categories),
      legal_basis: d.legalBasis,
      purpose: d.purpose,
      outside_policy: d.outsidePolicy,
      reference: d.reference,
      disclosed_at: d.disclosedAt,
      recorded_by: d.recordedBy,
      created_at: d.createdAt,
    })
    .execute();
}

/** Removes a disclosure log entry; whether there was one. */
export async function deleteDisclosure(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('disclosures').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function disclosuresOf(db: Db, userId: string) {
  return db
    .selectFrom('disclosures')
    .select(['id', 'kind', 'recipient', 'categories', 'legal_basis', 'purpose', 'outside_policy', 'reference', 'disclosed_at'])
    .where('subject_id', '=', userId)
    .orderBy('disclosed_at', 'desc')
    .limit(500)
    .execute();
}

/** Every recipient the disclosure log names, with how many hand-overs and whether any was outside the policy. */
export async function recordedRecipients(db: Db) {
  return db
    .selectFrom('disclosures')
    .select((eb) => ['recipient', eb.fn.countAll<number>().as('handovers'), eb.fn<boolean>('bool_or', ['outside_policy']).as('outside_policy')])
    .groupBy('recipient')
    .orderBy('recipient')
    .execute();
}
