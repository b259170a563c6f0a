import { describe, expect, it } from 'vitest';
import { checksAgainstInstallation } from './program.js';

describe('which commands reach the installation', () => {
  it('manifest check does, unless asked --offline; render and other manifest commands do not', () => {
    expect(checksAgainstInstallation(['manifest', 'check', 'm.yaml'])).toBe(true);
    expect(checksAgainstInstallation(['manifest', 'check', '--offline', 'm.yaml'])).toBe(false);
    expect(checksAgainstInstallation(['manifest', 'render', 'm.yaml'])).toBe(false);
    expect(checksAgainstInstallation(['privacy', 'check'])).toBe(false);
  });
});
