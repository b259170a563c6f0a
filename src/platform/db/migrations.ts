import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * One migration set for the whole installation, gathered from every module's `migrations/` folder.
 * File names start with a UTC timestamp (`202611220001-accounts-users.ts`) so the order is global.
 */
export class ModuleMigrationProvider implements MigrationProvider {
  constructor(private readonly modulesDir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const found: Array<{ name: string; path: string }> = [];
    for (const module of readdirSync(this.modulesDir)) {
      const dir = join(this.modulesDir, module, 'migrations');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir)) {
        if (!/^\d{12}-[a-z0-9-]+\.(ts|js)$/.test(file)) continue;
        found.push({ name: file.replace(/\.(ts|js)$/, ''), path: join(dir, file) });
      }
    }
    found.sort((a, b) => a.name.localeCompare(b.name));
    const migrations: Record<string, Migration> = {};
    for (const { name, path } of found) {
      migrations[name] = (await import(pathToFileURL(path).href)) as Migration;
    }
    return migrations;
  }
}

export async function migrateToLatest<DB>(db: Kysely<DB>, modulesDir: string): Promise<string[]> {
  const migrator = new Migrator({ db: db, provider: new ModuleMigrationProvider(modulesDir) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
