import { describe, expect, it } from 'vitest';
import { createRandom } from './test-meshes.js';
import { splitTokens } from './text-lines.js';

describe('splitTokens', () => {
  it('splits as trim() and split(/\\s+/) do, on every latin1 whitespace and around it', () => {
    const alphabet = ['a', '1', '-', '.', '/', 'e', '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u0085', '\u00ff', '#'];
    const random = createRandom(5);
    for (let n = 0; n < 5000; n++) {
      const line = Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const trimmed = line.trim();
      expect(splitTokens(line), JSON.stringify(line)).toEqual(trimmed === '' ? [] : trimmed.split(/\s+/));
    }
  });
});
