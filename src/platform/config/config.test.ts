import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './index.js';

describe('configuration', () => {
  it('is documented: the README table names every variable', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('reads the data-rights timings, reminder days largest first without repeats', () => {
    const config = loadConfig({ MESHVAULT_EXPORT_LINK_HOURS: '48', MESHVAULT_REQUEST_REMINDER_DAYS: ' 1, 14 ,7,1' });
    expect(config.rights).toEqual({ exportLinkHours: 48, exportKeepDays: 7, requestConfirmHours: 72, reminderDaysBefore: [14, 7, 1] });
  });

  it('reads the memory budget of one model analysis, 1 GiB unless set, and refuses one too small to run it', () => {
    expect(loadConfig({}).analysis).toEqual({ memoryMb: 1024 });
    expect(loadConfig({ MESHVAULT_ANALYSIS_MEMORY_MB: '4096' }).analysis).toEqual({ memoryMb: 4096 });
    expect(() => loadConfig({ MESHVAULT_ANALYSIS_MEMORY_MB: '64' })).toThrow(/MESHVAULT_ANALYSIS_MEMORY_MB/);
  });

  it('reports every invalid variable at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', MESHVAULT_EXPORT_KEEP_DAYS: '0', MESHVAULT_REQUEST_REMINDER_DAYS: 'weekly' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'MESHVAULT_EXPORT_KEEP_DAYS', 'MESHVAULT_REQUEST_REMINDER_DAYS']);
    }
  });
});

describe('MESHVAULT_TRUST_PROXY', () => {
  it('trusts no proxy by default, and reads addresses, CIDRs, named ranges or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ MESHVAULT_TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    expect(loadConfig({ MESHVAULT_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ MESHVAULT_TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('refuses "trust everyone" and what is not an address', () => {
    for (const value of ['true', '*', '10.0.0.0/33', 'proxy.example.com', '127.0.0.1,,nope']) {
      expect(() => loadConfig({ MESHVAULT_TRUST_PROXY: value }), value).toThrow(/MESHVAULT_TRUST_PROXY/);
    }
  });
});
