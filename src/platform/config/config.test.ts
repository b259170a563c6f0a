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
