import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../app-paths.js';
import { policyValues, validateManifest, type PolicyValues } from '../privacy/index.js';

/** Every seed manifest's jurisdictions, through the same helper the officers' queue uses. */
function seeds(): Map<string, PolicyValues & { ids: string[] }> {
  const dir = join(projectRoot(), 'examples', 'manifests');
  const out = new Map<string, PolicyValues & { ids: string[] }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = validateManifest(readFileSync(join(dir, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} is not a valid manifest`);
    out.set(file.slice(0, 3), { ...policyValues(parsed.manifest), ids: parsed.manifest.rights.jurisdictions.map((j) => j.id) });
  }
  return out;
}

// [seed, jurisdiction, received, due, due when extended (null: the law gives no extension)]
const TABLE: Array<[string, string, string, string, string | null]> = [
  ['000', 'eea_uk', '2025-01-31', '2025-02-28', '2025-04-30'],
  ['000', 'eea_uk', '2024-01-31', '2024-02-29', '2024-04-30'],
  ['000', 'eea_uk', '2024-12-31', '2025-01-31', '2025-03-31'],
  ['000', 'us', '2025-01-31', '2025-03-17', '2025-05-01'],
  ['000', 'us', '2024-01-31', '2024-03-16', '2024-04-30'],
  ['001', 'eu', '2025-01-31', '2025-02-28', '2025-04-30'],
  ['001', 'eu', '2023-03-31', '2023-04-30', '2023-06-30'],
  ['002', 'everyone', '2024-01-30', '2024-02-29', '2024-04-30'],
  ['002', 'everyone', '2025-08-31', '2025-09-30', '2025-11-30'],
  ['003', 'everyone', '2025-01-31', '2025-02-28', '2025-04-30'],
  ['004', 'everyone', '2025-01-31', '2025-03-02', null],
  ['004', 'everyone', '2024-01-31', '2024-03-01', null],
  ['004', 'everyone', '2025-12-15', '2026-01-14', null],
];

describe('request due dates from the seed manifests', () => {
  const bySeed = seeds();
  it('covers every jurisdiction of every seed manifest', () => {
    const covered = new Set(TABLE.map(([s, j]) => `${s}:${j}`));
    for (const [seed, values] of bySeed) {
      expect(values.ids.length).toBeGreaterThan(0);
      for (const id of values.ids) {
        expect(covered.has(`${seed}:${id}`), `${seed}:${id}`).toBe(true);
      }
    }
  });

  it.each(TABLE)('seed %s, %s: received %s is due %s (extended: %s)', (seed, jurisdiction, received, due, extended) => {
    const values = bySeed.get(seed)!;
    expect(values.dueDate(jurisdiction, received)).toBe(due);
    if (extended) expect(values.dueDate(jurisdiction, received, { extended: true })).toBe(extended);
    else expect(() => values.dueDate(jurisdiction, received, { extended: true })).toThrow(/cannot be extended/);
  });
});
