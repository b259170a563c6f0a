import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test-support/test-database.js';
import { migrateToLatest } from './index.js';

const modulesDir = mkdtempSync(join(tmpdir(), 'meshvault-migrations-'));
afterAll(() => rmSync(modulesDir, { recursive: true, force: true }));

function addMigration(module: string, name: string, table: string) {
  mkdirSync(join(modulesDir, module, 'migrations'), { recursive: true });
  writeFileSync(join(modulesDir, module, 'migrations', `${name}.js`), `export async function up(db) { await db.schema.createTable('${table}').addColumn('id', 'integer').execute(); }\n`);
}

/** Counts the statements a Kysely instance sends. */
function counting() {
  const seen: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => (seen.push(args.node.kind), args.node),
    transformResult: async (args) => args.result,
  };
  return { plugin, seen };
}

describe('migrateToLatest', () => {
  it('applies what is pending, and when nothing is, learns it from one query', async () => {
    const database = await openTestDatabase<unknown>();
    try {
      addMigration('alpha', '202601010001-alpha-one', 'alpha_one');
      addMigration('beta', '202601010002-beta-one', 'beta_one');
      expect(await migrateToLatest(database.db, modulesDir)).toEqual(['202601010001-alpha-one', '202601010002-beta-one']);

      const { plugin, seen } = counting();
      expect(await migrateToLatest(database.db.withPlugin(plugin), modulesDir)).toEqual([]);
      expect(seen).toHaveLength(1);

      addMigration('alpha', '202601010003-alpha-two', 'alpha_two');
      expect(await migrateToLatest(database.db, modulesDir)).toEqual(['202601010003-alpha-two']);
      await sql`select * from alpha_two`.execute(database.db);

      // A database migrated by a newer version knows a migration these files do not: still refused.
      await sql`insert into kysely_migration (name, timestamp) values ('202601010009-gamma-future', now()::text)`.execute(database.db);
      rmSync(join(modulesDir, 'alpha', 'migrations', '202601010003-alpha-two.js'));
      await expect(migrateToLatest(database.db, modulesDir)).rejects.toThrow(/corrupted migrations/);
    } finally {
      await database.close();
    }
  });
});
