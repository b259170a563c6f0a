import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMailGround } from './mail-grounds.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('mail grounds', () => {
  it('lists every kind of e-mail the modules send, so none is held as marketing by mistake', () => {
    const kinds = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/kind: '([a-z_]+\.[a-z_]+)'/g)) kinds.add(match[1]!);
    }
    expect(kinds.size).toBeGreaterThan(30);
    expect([...kinds].filter((k) => !hasMailGround(k))).toEqual([]);
  });
});
