import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where module migrations live: beside this file in src/ (tsx, tests) and in dist/server/. */
export const MODULES_DIR = join(here, 'modules');

/** The project root: the nearest folder above this file holding package.json. */
export function projectRoot(): string {
  let dir = here;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + here);
    dir = up;
  }
  return dir;
}

export const WEB_DIST_DIR = join(projectRoot(), 'dist', 'web');
