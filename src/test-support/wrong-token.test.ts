import { describe, expect, it } from 'vitest';
import { wrongToken } from './wrong-token.js';

describe('wrongToken', () => {
  it('changes the last character only, and always to a different one (also when it ends in the replacement)', () => {
    for (const token of ['abcA', 'abcB', 'abc_', 'A']) {
      const wrong = wrongToken(token);
      expect(wrong).not.toBe(token);
      expect(wrong).toHaveLength(token.length);
      expect(wrong.slice(0, -1)).toBe(token.slice(0, -1));
    }
  });
});
