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

  it("reads the embedded database's buffer cache, left to the database module unless set, and refuses what PGlite cannot start with", () => {
    expect(loadConfig({ MESHVAULT_DATA_DIR: '/srv/mv' }).database).toEqual({ kind: 'pglite', dir: '/srv/mv/db' });
    expect(loadConfig({ MESHVAULT_DATA_DIR: '/srv/mv', MESHVAULT_DATABASE_BUFFERS_MB: '256' }).database).toEqual({ kind: 'pglite', dir: '/srv/mv/db', sharedBuffersMb: 256 });
    // Past 1 GiB, PGlite's 32-bit memory cannot hold the cache beside Postgres itself.
    for (const wrong of ['0', '2048', '1.5', 'lots']) expect(() => loadConfig({ MESHVAULT_DATABASE_BUFFERS_MB: wrong })).toThrow(/MESHVAULT_DATABASE_BUFFERS_MB/);
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

describe('MESHVAULT_STORAGE_URL and MESHVAULT_S3_*', () => {
  it('keeps files in the data directory unless an s3:// URL is set', () => {
    expect(loadConfig({ MESHVAULT_DATA_DIR: '/srv/mv' }).storage).toEqual({ kind: 'local', dir: '/srv/mv/files' });
  });

  it('reads a bucket, a prefix, an endpoint and credentials; path-style URLs for a self-hosted store', () => {
    const config = loadConfig({
      MESHVAULT_STORAGE_URL: 's3://meshvault-files/prod/eu/',
      MESHVAULT_S3_ENDPOINT: 'http://minio.internal:9000/',
      MESHVAULT_S3_ACCESS_KEY_ID: 'id',
      MESHVAULT_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.storage).toEqual({
      kind: 's3',
      bucket: 'meshvault-files',
      prefix: 'prod/eu/',
      region: 'us-east-1',
      endpoint: 'http://minio.internal:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    const aws = loadConfig({ MESHVAULT_STORAGE_URL: 's3://meshvault-files', MESHVAULT_S3_REGION: 'eu-central-1' }).storage;
    expect(aws).toMatchObject({ kind: 's3', prefix: '', region: 'eu-central-1', endpoint: undefined, forcePathStyle: false, credentials: undefined });
  });

  it('lists every storage problem together with the other variables', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        MESHVAULT_STORAGE_URL: 's3://X_/../up',
        MESHVAULT_S3_ENDPOINT: 'minio:9000',
        MESHVAULT_S3_ACCESS_KEY_ID: 'id',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
        'PORT',
        'MESHVAULT_STORAGE_URL',
        'MESHVAULT_STORAGE_URL',
        'MESHVAULT_S3_ENDPOINT',
        'MESHVAULT_S3_SECRET_ACCESS_KEY',
      ]);
    }
    expect(() => loadConfig({ MESHVAULT_STORAGE_URL: 's3://meshvault-files' })).toThrow(/MESHVAULT_S3_REGION: must be set for AWS S3/);
    expect(() => loadConfig({ MESHVAULT_S3_REGION: 'eu-central-1' })).toThrow(/MESHVAULT_STORAGE_URL: must be set/);
    expect(() => loadConfig({ MESHVAULT_STORAGE_URL: 'https://bucket.s3.amazonaws.com' })).toThrow(/s3:\/\/bucket\/prefix/);
  });
});
