import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, signedIn } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { heldRows } from './held-rows.js';
import { readForeignKeys } from './subject-data.store.js';

// Rows two and three foreign keys below a held project (as an order's invoice is below the project the
// order belongs to) are held too, and rows below another project are not.
let app: TestApp;
let held: string;
let free: string;

beforeAll(async () => {
  app = await createTestApp();
  const carol = await signedIn(app, 'customer', 'carol@example.com');
  held = await createProject(carol, { title: 'Held' });
  free = await createProject(carol, { title: 'Free' });
  await sql`create table hold_child (id uuid primary key, project_id uuid not null references projects (id))`.execute(app.db);
  await sql`create table hold_grandchild (id uuid primary key, child_id uuid not null references hold_child (id))`.execute(app.db);
  await sql`create table hold_great (id uuid primary key, grandchild_id uuid references hold_grandchild (id), parent_id uuid references hold_great (id))`.execute(app.db);
  const rows = [
    ['00000000-0000-4000-8000-000000000001', held],
    ['00000000-0000-4000-8000-000000000002', free],
  ];
  for (const [id, project] of rows) {
    await sql`insert into hold_child values (${id}::uuid, ${project}::uuid)`.execute(app.db);
    await sql`insert into hold_grandchild values (${id}::uuid, ${id}::uuid)`.execute(app.db);
    await sql`insert into hold_great values (${id}::uuid, ${id}::uuid, null)`.execute(app.db);
  }
});

afterAll(async () => {
  await app?.dispose();
});

describe('rows a project hold keeps', () => {
  it('are the project, its children and every row below them, and nothing under another project', async () => {
    const condition = heldRows({}, await readForeignKeys(app.db as unknown as Kysely<unknown>), { persons: [], projects: [held], organisations: [], reasons: new Map() });
    const heldIn = async (table: string) => {
      const where = condition(table);
      if (!where) return [];
      return (await sql<{ id: string }>`select id from ${sql.table(table)} where ${where} order by id`.execute(app.db)).rows.map((r) => r.id);
    };
    expect(await heldIn('projects')).toEqual([held]);
    for (const table of ['hold_child', 'hold_grandchild', 'hold_great']) expect(await heldIn(table), table).toEqual(['00000000-0000-4000-8000-000000000001']);
  });
});
