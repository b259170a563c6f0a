import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Folders whose test files each take far longer than the rest (processes killed and restarted, real
 * servers, Chromium), each needing its own build of the app (server, or web) before its first test.
 */
const SLOW_FOLDERS = ['test/crash/', 'test/e2e/', 'test/multi-process/'];

/**
 * Starts the slow folders' files first, taking one from each folder in turn, then the rest in
 * vitest's own order (failed first, then longest last time, else largest). On a fresh checkout vitest
 * knows no durations and would start the small crash-test files last, leaving one of the two workers
 * alone with them at the end of the run; taking the folders in turn has the two workers make the
 * server and the web builds side by side instead of one waiting for the other's.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const folderOf = (file: TestSpecification) => SLOW_FOLDERS.findIndex((folder) => relative(root, file.moduleId).split('\\').join('/').startsWith(folder));
    const slow = SLOW_FOLDERS.map((_, index) => sorted.filter((file) => folderOf(file) === index));
    const turns: TestSpecification[] = [];
    for (let turn = 0; slow.some((folder) => turn < folder.length); turn++) {
      for (const folder of slow) {
        const file = folder[turn];
        if (file) turns.push(file);
      }
    }
    return [...turns, ...sorted.filter((file) => folderOf(file) === -1)];
  }
}
