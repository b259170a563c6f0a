import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isSchemaCurrent } from './schema-current.js';

type MigrationFile = { name: string; path: string };

/** The order localeCompare gives, with the collator made once rather than per comparison. */
const byName = new Intl.Collator();

/** Every module's migration files, in their global order (file names start with a UTC timestamp). */
function listMigrationFiles(modulesDir: string): MigrationFile[] {
  const found: MigrationFile[] = [];
  for (const module of readdirSync(modulesDir)) {
    const dir = join(modulesDir, module, 'migrations');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (!/^\d{12}-[a-z0-9-]+\.(ts|js)$/.test(file)) continue;
      found.push({ name: file.replace(/\.(ts|js)$/, ''), path: join(dir, file) });
    }
  }
  return found.sort((a, b) => byName.compare(a.name, b.name));
}

/**
 * One migration set for the whole installation, gathered from every module's `migrations/` folder.
 * File names start with a UTC timestamp (`202611220001-accounts-users.ts`) so the order is global.
 */
export class ModuleMigrationProvider implements MigrationProvider {
  constructor(private readonly modulesDir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const { name, path } of listMigrationFiles(this.modulesDir)) {
      migrations[name] = (await import(pathToFileURL(path).href)) as Migration;
    }
    return migrations;
  }
}

/**
 * Applies the pending migrations. The common case at start-up is that none is: one query reads the
 * applied names, and when they are exactly the files on disk the Migrator (which introspects the whole
 * catalogue, twice, and imports every migration) is not needed. Anything else, a missing table, a
 * pending or an unknown migration, goes to the Migrator, which applies or refuses as before.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, modulesDir: string): Promise<string[]> {
  const files = listMigrationFiles(modulesDir);
  if (await isSchemaCurrent(db as Kysely<unknown>, files.map((f) => f.name))) return [];
  const migrator = new Migrator({ db: db, provider: new ModuleMigrationProvider(modulesDir) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
