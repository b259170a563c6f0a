import { describe, expect, it } from 'vitest';
import { findModuleCycles, moduleGraph } from '../../scripts/module-graph.js';

const file = (source: string, ...imports: string[]) => ({ source, dependencies: imports.map((resolved) => ({ resolved })) });

describe('the module graph', () => {
  it('finds a circle that passes only through index files', () => {
    const graph = moduleGraph([
      file('src/modules/a/use.ts', 'src/modules/b/index.ts'),
      file('src/modules/b/index.ts', 'src/modules/b/thing.ts'),
      file('src/modules/b/thing.ts', 'src/modules/c/index.ts'),
      file('src/modules/c/other.ts', 'src/modules/a/index.ts'),
    ]);
    expect(findModuleCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('ignores imports inside a module, from tests, and a one-way graph', () => {
    const graph = moduleGraph([
      file('src/modules/a/x.ts', 'src/modules/a/y.ts', 'src/modules/b/index.ts', 'src/platform/db/index.ts'),
      file('src/modules/b/y.ts', 'src/modules/c/index.ts'),
      file('src/modules/c/c.test.ts', 'src/modules/a/index.ts'),
    ]);
    expect(graph.get('a')).toEqual(new Set(['b']));
    expect(findModuleCycles(graph)).toEqual([]);
  });
});
