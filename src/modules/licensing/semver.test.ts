import { describe, expect, it } from 'vitest';
import { compareSemVer, parseSemVer } from './semver.js';

const cmp = (a: string, b: string) => Math.sign(compareSemVer(parseSemVer(a)!, parseSemVer(b)!));

describe('semantic version precedence', () => {
  it('orders as semver.org says', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
    for (let i = 1; i < ordered.length; i++) expect(cmp(ordered[i - 1]!, ordered[i]!), `${ordered[i - 1]} < ${ordered[i]}`).toBe(-1);
    expect(cmp('1.0.0+build.5', '1.0.0')).toBe(0);
  });
  it('refuses what is not a version', () => {
    for (const bad of ['1', '1.0', '01.0.0', '1.0.0-', 'latest', '']) expect(parseSemVer(bad)).toBeNull();
  });
});
