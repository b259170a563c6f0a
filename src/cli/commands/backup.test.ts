import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { Database } from '../../database.js';
import { loadConfig } from '../../platform/config/index.js';
import { isAppError } from '../../platform/errors/index.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { createBufferIo } from '../cli-context.js';
import { buildProgram } from '../program.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-backup-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('meshvault backup create', () => {
  it('reports a database that went away as a plain error (no stack), with no partial file left', async () => {
    const gone = await openTestDatabase<Database>();
    await gone.close();
    const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_BACKUP_PASSPHRASE: 'a long backup passphrase' });
    const program = buildProgram({ io: createBufferIo(), config: () => config, withApp: (fn) => fn({ database: gone } as unknown as App), insideServer: false });
    program.exitOverride();
    const outFile = join(dataDir, 'nightly.mvb');
    const error: unknown = await program.parseAsync(['backup', 'create', outFile], { from: 'user' }).then(() => null, (e: unknown) => e);
    // The CLI prints an AppError as "Error: <message>", anything else with its stack.
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^The backup was not written: .+ Nothing is left at .*nightly\.mvb\.partial/);
    expect(existsSync(`${outFile}.partial`)).toBe(false);
  });
});
