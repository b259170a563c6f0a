import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMasterKeyRing } from './master-keys.js';
import { openSecret, sealSecret } from './sealed-secrets.js';

describe('sealed secrets', () => {
  const first = randomBytes(32);
  const ring = createMasterKeyRing([first]);

  it('opens what it sealed, and the sealed text shows nothing of the secret', () => {
    const sealed = sealSecret('sk_live_0123456789abcdef', ring);
    expect(sealed).toMatch(/^mvs1\.mvk1\./);
    expect(sealed).not.toContain('0123456789');
    expect(sealSecret('sk_live_0123456789abcdef', ring)).not.toBe(sealed);
    expect(openSecret(sealed, ring)).toBe('sk_live_0123456789abcdef');
  });

  it('still opens under a ring whose primary key is newer, and not under a ring without its key', () => {
    const sealed = sealSecret('token', ring);
    expect(openSecret(sealed, createMasterKeyRing([randomBytes(32), first]))).toBe('token');
    expect(() => openSecret(sealed, createMasterKeyRing([randomBytes(32)]))).toThrow(/master key/);
  });

  it('refuses an altered or malformed value', () => {
    const sealed = sealSecret('token', ring);
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(() => openSecret(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, ring)).toThrow(/integrity/);
    expect(() => openSecret('plain-text', ring)).toThrow(/sealed secret/);
  });
});
