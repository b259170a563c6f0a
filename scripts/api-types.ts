/**
 * The web app's API types, rendered from the OpenAPI document the server builds from its zod route
 * schemas. The real app is created on an empty in-memory database and a throw-away data folder;
 * nothing listens and no job runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { createApp } from '../src/app.js';
import type { Database } from '../src/database.js';
import { loadConfig } from '../src/platform/config/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import { createLogger } from '../src/platform/log/index.js';

export async function serverOpenApiDocument(): Promise<OpenAPI3> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-openapi-'));
  const database = await openDatabase<Database>({ kind: 'pglite', dir: null });
  try {
    const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent', PORT: '0' });
    const app = await createApp({ config, log: createLogger('silent'), database });
    try {
      await app.http.ready();
      return app.http.swagger() as unknown as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** TypeScript declarations (`paths`, `operations`) for openapi-fetch, sorted so the output is stable. */
export async function renderApiTypes(document: OpenAPI3): Promise<string> {
  return astToString(await openapiTS(document, { alphabetize: true }));
}
