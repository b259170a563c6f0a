import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPersonal, registryCategories } from './platform/registry/index.js';
import { isCategoryId, isOperatingRecord } from './modules/privacy/manifest/index.js';
import { allFeatureNeeds, coreNeeds } from './features.js';
import { installationRegistry } from './registry.js';
import { readForeignKeys } from './modules/subject-data/index.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/** Tables that belong to libraries, not to Meshvault's modules. */
const LIBRARY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/**
 * Optional fields that hold nothing without being null: a flag false until used, and a person's name,
 * kept as '' where contact.name is not declared (mails then greet "Hello,").
 */
const BOOLEAN_FLAGS = new Set(['users.password_must_change', 'users.name']);

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

async function liveColumns(): Promise<Map<string, string[]>> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' order by table_name, ordinal_position`.execute(app.db);
  const tables = new Map<string, string[]>();
  for (const r of rows.rows) {
    if (LIBRARY_TABLES.has(r.table_name)) continue;
    tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  }
  return tables;
}

describe('the personal-data registry', () => {
  it('classifies every column of every table in the live schema', async () => {
    const registry = installationRegistry();
    const unclassified: string[] = [];
    for (const [table, columns] of await liveColumns()) {
      for (const column of columns) if (!registry[table]?.columns[column]) unclassified.push(`${table}.${column}`);
    }
    expect(unclassified, 'columns no personal-data.ts classifies').toEqual([]);
  });

  it('names no table or column that does not exist', async () => {
    const live = await liveColumns();
    const stale: string[] = [];
    for (const [table, entry] of Object.entries(installationRegistry())) {
      const columns = live.get(table);
      if (!columns) stale.push(table);
      else for (const column of Object.keys(entry.columns)) if (!columns.includes(column)) stale.push(`${table}.${column}`);
    }
    expect(stale).toEqual([]);
  });

  it('points subject and retention columns at real, classified columns', () => {
    for (const [table, entry] of Object.entries(installationRegistry())) {
      for (const column of [entry.subject, entry.retentionStart, ...(entry.alsoSubjects ?? [])]) {
        if (column) expect(entry.columns[column], `${table}.${column}`).toBeDefined();
      }
      for (const [name, column] of Object.entries(entry.columns)) {
        if (isPersonal(column) && column.erase === 'keep-legal-duty') expect(column.keepReason, `${table}.${name} keeps data without a reason`).toBeTruthy();
      }
    }
  });

  it('uses only taxonomy categories; the default manifest declares what the core and every feature need', async () => {
    const used = [...registryCategories(installationRegistry())].sort();
    expect(used.filter((c) => !isCategoryId(c)), 'categories missing from the taxonomy').toEqual([]);
    const active = await app.services.policy.current();
    expect(active.version).toBe(1);
    const needed = [...coreNeeds().keys(), ...allFeatureNeeds().keys()];
    expect(needed.filter((c) => !active.values.isDeclared(c)), 'categories the active manifest does not declare').toEqual([]);
    expect((await app.services.features.states()).filter((f) => !f.on).map((f) => f.id)).toEqual([]);
  });

  it('requires of a policy no operating record and no optional field', () => {
    const needs = new Map([...coreNeeds(), ...allFeatureNeeds()]);
    expect([...needs.keys()].filter(isOperatingRecord)).toEqual([]);
    for (const [table, entry] of Object.entries(installationRegistry())) {
      for (const [name, column] of Object.entries(entry.columns)) {
        if (isPersonal(column) && column.onlyIfDeclared) expect(needs.get(column.category) ?? [], `${table}.${name} is optional`).not.toContain(`${table}.${name}`);
      }
    }
  });

  it('lets every optional field stay empty in the live schema', async () => {
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'`.execute(app.db);
    const nullable = new Set(rows.rows.filter((r) => r.is_nullable === 'YES').map((r) => `${r.table_name}.${r.column_name}`));
    const notNullable: string[] = [];
    for (const [table, entry] of Object.entries(installationRegistry())) {
      for (const [name, column] of Object.entries(entry.columns)) {
        // A boolean with a default "false" holds nothing until the field is used (stored-rows.ts agrees).
        if (isPersonal(column) && column.onlyIfDeclared && !nullable.has(`${table}.${name}`) && !BOOLEAN_FLAGS.has(`${table}.${name}`)) notNullable.push(`${table}.${name}`);
      }
    }
    expect(notNullable, 'optional fields the schema forces to hold a value').toEqual([]);
  });

  it('follows retention clocks only along real foreign keys, to tables with a clock for the same event', async () => {
    const registry = installationRegistry();
    const foreignKeys = await readForeignKeys(app.db as unknown as Kysely<unknown>);
    const broken: string[] = [];
    for (const [table, entry] of Object.entries(registry)) {
      for (const [event, clock] of Object.entries(entry.retentionClocks ?? {})) {
        if (typeof clock === 'string') {
          if (!entry.columns[clock]) broken.push(`${table}: ${event} runs from ${clock}, which it does not have`);
          continue;
        }
        const fk = foreignKeys.find((f) => f.table === table && f.column === clock.via);
        if (!fk) {
          broken.push(`${table}.${clock.via} (${event}) is no foreign key of the live schema`);
          continue;
        }
        const parent = registry[fk.refTable];
        if (!parent?.retentionClocks?.[event] && !parent?.retentionStart) broken.push(`${table}.${clock.via} points at ${fk.refTable}, which has no clock for ${event}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("gives every table hanging under a project its project's completion clock", async () => {
    // A row that lives and dies with its project (a file, its preview, a message, a notice about it) must
    // not run out on a clock of its own while the project is still open.
    const registry = installationRegistry();
    const foreignKeys = await readForeignKeys(app.db as unknown as Kysely<unknown>);
    const missing = foreignKeys
      .filter((fk) => fk.refTable === 'projects' && fk.table !== 'projects' && registry[fk.table])
      .filter((fk) => {
        const clock = registry[fk.table]?.retentionClocks?.project_completed;
        return !(clock && typeof clock !== 'string' && clock.via === fk.column);
      })
      .map((fk) => `${fk.table}.${fk.column}`);
    expect(missing).toEqual([]);
  });
});
