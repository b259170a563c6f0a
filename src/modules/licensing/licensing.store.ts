import { sql, type Insertable, type Updateable } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { LicensingTables, PolicyRow, ProductRow, ReleaseChannel } from './licensing.tables.js';

type Db = Queryable<LicensingTables>;

export async function insertProduct(db: Db, row: Insertable<LicensingTables['licensing_products']>) {
  await db.insertInto('licensing_products').values(row).execute();
}

export async function findProduct(db: Db, id: string) {
  return db.selectFrom('licensing_products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findProductByCode(db: Db, code: string) {
  return db.selectFrom('licensing_products').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listProducts(db: Db) {
  return db.selectFrom('licensing_products').selectAll().orderBy('code').execute();
}

export async function insertPolicy(db: Db, row: Insertable<LicensingTables['licensing_policies']>) {
  await db.insertInto('licensing_policies').values(row).execute();
}

export async function listPolicies(db: Db) {
  return db.selectFrom('licensing_policies').selectAll().orderBy('product_id').orderBy('name').execute();
}

export async function findPolicy(db: Db, id: string) {
  return db.selectFrom('licensing_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertLicence(db: Db, row: Insertable<LicensingTables['licences']>) {
  await db.insertInto('licences').values(row).execute();
}

export async function findLicence(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('licences').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function findLicenceByKey(db: Db, key: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('licences').selectAll().where('key', '=', key);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

/** A licence with its policy and product in one query: validation is the hot path of desktop apps. */
export async function findLicenceContextByKey(db: Db, key: string) {
  const row = await db
    .selectFrom('licences')
    .innerJoin('licensing_policies as p', 'p.id', 'licences.policy_id')
    .innerJoin('licensing_products as pr', 'pr.id', 'p.product_id')
    .selectAll('licences')
    .select([sql<Omit<PolicyRow, 'created_at'> & { created_at: string }>`to_jsonb(p)`.as('policy'), sql<Omit<ProductRow, 'created_at'> & { created_at: string }>`to_jsonb(pr)`.as('product')])
    .where('licences.key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  const { policy, product, ...licence } = row;
  return { licence, policy: { ...policy, created_at: new Date(policy.created_at) }, product: { ...product, created_at: new Date(product.created_at) } };
}

/** The person's own licences and those of their organisation they hold a seat of. */
export async function listLicencesOfUser(db: Db, userId: string) {
  return db
    .selectFrom('licences')
    .selectAll()
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('id', 'in', eb.selectFrom('licence_users').select('licence_id').where('licence_users.user_id', '=', userId))]))
    .orderBy('created_at')
    .execute();
}

export async function listAllLicences(db: Db, page: { limit: number; offset: number }) {
  return db.selectFrom('licences').selectAll().orderBy('created_at', 'desc').limit(page.limit).offset(page.offset).execute();
}

export async function updateLicence(db: Db, id: string, patch: Updateable<LicensingTables['licences']>) {
  await db.updateTable('licences').set(patch).where('id', '=', id).execute();
}

export async function listMachines(db: Db, licenceIds: readonly string[]) {
  if (licenceIds.length === 0) return [];
  return db.selectFrom('licence_machines').selectAll().where('licence_id', 'in', licenceIds).orderBy('created_at').execute();
}

export async function countMachines(db: Db, licenceId: string) {
  const row = await db.selectFrom('licence_machines').select((eb) => eb.fn.countAll<string>().as('n')).where('licence_id', '=', licenceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The licence's machine with this identifier, in either stored form: `raw` as sent, or one of its keyed hashes. */
export async function findMachineByFingerprint(db: Db, licenceId: string, identifier: { raw: string; hashes: string[] }) {
  return db
    .selectFrom('licence_machines')
    .selectAll()
    .where('licence_id', '=', licenceId)
    .where((eb) => eb.or([eb('device_id', '=', identifier.raw), eb('fingerprint', 'in', identifier.hashes)]))
    .executeTakeFirst();
}

export async function findMachineByToken(db: Db, tokenHash: string) {
  return db.selectFrom('licence_machines').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findMachine(db: Db, id: string) {
  return db.selectFrom('licence_machines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMachine(db: Db, row: Insertable<LicensingTables['licence_machines']>) {
  await db.insertInto('licence_machines').values(row).execute();
}

export async function deleteMachine(db: Db, id: string) {
  await db.deleteFrom('licence_machines').where('id', '=', id).execute();
}

export async function updateMachine(db: Db, id: string, patch: Updateable<LicensingTables['licence_machines']>) {
  await db.updateTable('licence_machines').set(patch).where('id', '=', id).execute();
}

export async function insertRelease(db: Db, row: Insertable<LicensingTables['licensing_releases']>) {
  await db.insertInto('licensing_releases').values(row).execute();
}

export async function findRelease(db: Db, id: string) {
  return db.selectFrom('licensing_releases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findReleaseByVersion(db: Db, r: { productId: string; version: string; channel: ReleaseChannel; platform: string }) {
  return db
    .selectFrom('licensing_releases')
    .select('id')
    .where('product_id', '=', r.productId)
    .where('version', '=', r.version)
    .where('channel', '=', r.channel)
    .where('platform', '=', r.platform)
    .executeTakeFirst();
}

export async function listReleases(db: Db, productId: string, platform: string, channels: readonly ReleaseChannel[]) {
  return db.selectFrom('licensing_releases').selectAll().where('product_id', '=', productId).where('platform', '=', platform).where('channel', 'in', channels).execute();
}

export async function activeSigningKey(db: Db) {
  return db.selectFrom('licensing_signing_keys').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
}

export async function listSigningKeys(db: Db) {
  return db.selectFrom('licensing_signing_keys').selectAll().orderBy('created_at', 'desc').execute();
}

export async function insertSigningKey(db: Db, row: Insertable<LicensingTables['licensing_signing_keys']>) {
  await db.insertInto('licensing_signing_keys').values(row).execute();
}

export async function retireSigningKeys(db: Db, at: Date) {
  await db.updateTable('licensing_signing_keys').set({ retired_at: at }).where('retired_at', 'is', null).execute();
}

/** Serialises key creation: two first requests at once must not make two active keys. */
export async function lockSigningKeys(db: Db) {
  await db.selectFrom('licensing_signing_keys').select('id').forUpdate().execute();
}

export async function listLicencesOfOrg(db: Db, orgId: string) {
  return db.selectFrom('licences').selectAll().where('org_id', '=', orgId).orderBy('created_at').execute();
}

export async function listSeats(db: Db, licenceIds: readonly string[]) {
  if (licenceIds.length === 0) return [];
  return db.selectFrom('licence_users').selectAll().where('licence_id', 'in', licenceIds).orderBy('assigned_at').execute();
}

export async function findSeat(db: Db, licenceId: string, userId: string) {
  return db.selectFrom('licence_users').selectAll().where('licence_id', '=', licenceId).where('user_id', '=', userId).executeTakeFirst();
}

export async function countSeats(db: Db, licenceId: string) {
  const row = await db.selectFrom('licence_users').select((eb) => eb.fn.countAll<string>().as('n')).where('licence_id', '=', licenceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSeat(db: Db, row: Insertable<LicensingTables['licence_users']>) {
  await db.insertInto('licence_users').values(row).execute();
}

export async function deleteSeat(db: Db, licenceId: string, userId: string) {
  await db.deleteFrom('licence_users').where('licence_id', '=', licenceId).where('user_id', '=', userId).execute();
}

/** Frees a seat's devices: the member's machines on that licence go with it; answers how many. */
export async function deleteMachinesOfUser(db: Db, licenceId: string, userId: string) {
  const rows = await db.deleteFrom('licence_machines').where('licence_id', '=', licenceId).where('user_id', '=', userId).returning('id').execute();
  return rows.length;
}

/** The seats a person holds, with their licence's organisation; only those of `orgId` when given. */
export async function listSeatsOfUser(db: Db, userId: string, orgId?: string) {
  let query = db.selectFrom('licence_users').innerJoin('licences', 'licences.id', 'licence_users.licence_id').select(['licence_users.licence_id', 'licences.org_id']).where('licence_users.user_id', '=', userId);
  if (orgId !== undefined) query = query.where('licences.org_id', '=', orgId);
  return query.orderBy('licence_users.licence_id').forUpdate().execute();
}
