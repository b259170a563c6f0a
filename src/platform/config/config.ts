import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readStorageConfig, type StorageConfig } from './storage-config.js';

const ZPort = z.coerce.number().int().min(0).max(65535);
const ZBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** proxy-addr's names for the private ranges, which an operator may use instead of spelling them out. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Comma-separated web origins (`https://www.example.com`, no path): each must be exactly an origin. */
const ZOrigins = z
  .string()
  .trim()
  .transform((value, ctx): string[] => {
    const origins = value.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      const parsed = URL.canParse(origin) ? new URL(origin) : null;
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) ctx.addIssue({ code: 'custom', message: `"${origin}" is not a web origin such as https://www.example.com (scheme, host and port only, no path or trailing slash)` });
    }
    return [...new Set(origins)];
  });

/**
 * Whose X-Forwarded-For to believe: nobody (the default), a hop count, or the proxies' addresses/CIDRs.
 * There is no "everyone": any client could then choose the address it is rate-limited and audited under.
 */
const ZTrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string[] => {
    if (value === '' || value === 'none') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? false : Number(value);
    const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
    const wrong = entries.filter((e) => !isAddressOrCidr(e));
    if (wrong.length > 0 || entries.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of proxy addresses or CIDRs (like 127.0.0.1,10.0.0.0/8) or a hop count; not understood: ${wrong.join(', ') || value}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** Every environment variable Meshvault reads, in one place. */
const ZEnv = z.object({
  MESHVAULT_DATA_DIR: z.string().min(1).default('./data'),
  MESHVAULT_MANIFEST: z.string().min(1).optional(),
  PORT: ZPort.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  MESHVAULT_PUBLIC_URL: z.url().optional(),
  MESHVAULT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** The embedded database's buffer cache (PostgreSQL's shared_buffers), in MiB; unset: the database module's default. */
  MESHVAULT_DATABASE_BUFFERS_MB: z.coerce.number().int().min(1).max(1024).optional(),
  /** s3://bucket/prefix: file bytes in an S3-compatible store (checked with the MESHVAULT_S3_* ones in storage-config.ts). */
  MESHVAULT_STORAGE_URL: z.string().optional(),
  MESHVAULT_S3_ENDPOINT: z.string().optional(),
  MESHVAULT_S3_REGION: z.string().optional(),
  MESHVAULT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MESHVAULT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  MESHVAULT_S3_FORCE_PATH_STYLE: ZBool.optional(),
  MESHVAULT_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  MESHVAULT_ADMIN_EMAIL: z.email().optional(),
  MESHVAULT_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  MESHVAULT_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  /** The sender address (the display name is the manifest operator's name). Default: no-reply@ the public URL's host. */
  MESHVAULT_MAIL_FROM: z.string().min(3).optional(),
  /** The privacy manifest's recipient id of the mail provider behind MESHVAULT_SMTP_URL; unset: the operator's own server. */
  MESHVAULT_MAIL_RECIPIENT: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be the id of a recipient in the privacy manifest, such as mail_provider').optional(),
  MESHVAULT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MESHVAULT_SECURE_COOKIES: ZBool.optional(),
  MESHVAULT_TRUST_PROXY: ZTrustProxy.default(false),
  MESHVAULT_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  MESHVAULT_SIGNIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  MESHVAULT_SESSION_DAYS: z.coerce.number().int().min(1).default(30),
  MESHVAULT_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).default(25),
  MESHVAULT_BACKUP_PASSPHRASE: z.string().min(12, 'must be at least 12 characters').optional(),
  MESHVAULT_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(2 * 1024 ** 3),
  MESHVAULT_UPLOAD_EXTENSIONS: z
    .string()
    .regex(/^\s*[a-z0-9]+(\s*,\s*[a-z0-9]+)*\s*$/i, 'must be a comma-separated list of file extensions, like stl,obj,3mf')
    .default('stl,obj,ply,3mf,gltf,glb'),
  /** The most memory one model analysis may use (its child process is killed past it); the model limits follow from it. */
  MESHVAULT_ANALYSIS_MEMORY_MB: z.coerce.number().int().min(160).max(1024 * 1024).default(1024),
  MESHVAULT_UPLOAD_ABANDON_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  MESHVAULT_EXPORT_LINK_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  MESHVAULT_EXPORT_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  MESHVAULT_REQUEST_CONFIRM_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  MESHVAULT_REQUEST_REMINDER_DAYS: z
    .string()
    .regex(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, 'must be a comma-separated list of whole days, like 7,1')
    .default('7,1'),
  /** Stripe: both keys switch card payments on (Checkout); unset, only bank transfer is offered. */
  MESHVAULT_STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_[A-Za-z0-9_]+$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)').optional(),
  MESHVAULT_STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=_]+$/, 'must be the webhook endpoint signing secret (whsec_…)').optional(),
  MESHVAULT_STRIPE_API_URL: z.url().default('https://api.stripe.com'),
  /** The privacy manifest's recipient id of the payment provider (what it may receive is declared there). */
  MESHVAULT_PAYMENT_RECIPIENT: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be the id of a recipient in the privacy manifest, such as payment_processor').default('payment_processor'),
  /** Tax added to an accepted quote's price on its order and invoice, in percent (0: prices are shown without tax). */
  MESHVAULT_TAX_RATE_PERCENT: z.coerce.number().min(0).max(100).default(0),
  /** An HTTP SMS provider: messages are POSTed as JSON {to, text} with the token as a Bearer token; unset, no SMS. */
  MESHVAULT_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  MESHVAULT_SMS_TOKEN: z.string().min(1).optional(),
  /** The privacy manifest's recipient id of the SMS provider (it must receive contact.phone). */
  MESHVAULT_SMS_RECIPIENT: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be the id of a recipient in the privacy manifest, such as sms_provider').default('sms_provider'),
  /** Campaign pacing: people reached per batch, and the pause between batches. */
  MESHVAULT_MARKETING_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** The support desk's address; replies go out from support+<ticket>@ its domain. Default: support@ the public URL's host. */
  MESHVAULT_SUPPORT_ADDRESS: z.email({ error: 'must be an e-mail address such as support@example.com' }).optional(),
  /** The port of the SMTP listener that receives mail for the support address; unset, no listener runs. */
  MESHVAULT_SUPPORT_SMTP_PORT: ZPort.optional(),
  MESHVAULT_SUPPORT_SMTP_HOST: z.string().min(1).optional(),
  MESHVAULT_SUPPORT_CONFIRM_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  MESHVAULT_SUPPORT_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 ** 2).default(10 * 1024 ** 2),
  MESHVAULT_SUPPORT_ATTACHMENT_MAX_COUNT: z.coerce.number().int().min(0).max(20).default(5),
  MESHVAULT_SUPPORT_CHALLENGE_COST: z.coerce.number().int().min(1).max(100_000).default(200),
  MESHVAULT_SUPPORT_FORMS_PER_IP_HOUR: z.coerce.number().int().min(1).default(20),
  MESHVAULT_SUPPORT_FORMS_PER_EMAIL_HOUR: z.coerce.number().int().min(1).default(3),
  /** The operator's own websites (origins, comma-separated) whose embedded consent banner and analytics may post here. */
  MESHVAULT_EMBED_ORIGINS: ZOrigins.default([]),
  /** The privacy manifest's recipient id of the systems people connect (webhooks, connectors). */
  MESHVAULT_INTEGRATIONS_RECIPIENT: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be the id of a recipient in the privacy manifest, such as connected_platforms').default('connected_platforms'),
  /** Lets webhooks reach private, loopback and link-local addresses (a closed network, tests); off by default against SSRF. */
  MESHVAULT_WEBHOOK_ALLOW_PRIVATE: ZBool.default(false),
  MESHVAULT_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(15),
});

/** The names of every variable above: the README's configuration table lists each (a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ZEnv.shape);

export type Config = {
  dataDir: string;
  /** The privacy manifest a new installation publishes as version 1 (default: the bundled one). */
  manifestPath: string | undefined;
  port: number;
  host: string;
  publicUrl: string;
  /** sharedBuffersMb: PGlite's buffer cache; undefined leaves it to openDatabase's default. */
  database: { kind: 'pglite'; dir: string; sharedBuffersMb?: number } | { kind: 'postgres'; url: string };
  /** The local files directory (used when `storage` is local, and by a migration away from it). */
  filesDir: string;
  storage: StorageConfig;
  masterKeyBase64: string | undefined;
  initialAdmin: { email: string | undefined; password: string | undefined };
  /** recipient: the manifest recipient that is the mail provider; null when the operator's own server sends. */
  mail: { smtpUrl: string | undefined; from: string; recipient: string | null };
  logLevel: z.infer<typeof ZEnv>['MESHVAULT_LOG_LEVEL'];
  secureCookies: boolean;
  /** Reverse proxies whose X-Forwarded-For names the client: none, a hop count, or addresses/CIDRs. */
  trustProxy: false | number | string[];
  auth: { maxFailures: number; lockoutMinutes: number; sessionDays: number };
  shutdownGraceSeconds: number;
  backupPassphrase: string | undefined;
  /** Project file uploads: the largest accepted, and the extensions (lower case, no dot) accepted. */
  uploads: { maxBytes: number; extensions: string[]; abandonAfterDays: number };
  /** Model analysis: the memory budget of one analysis, in MiB (the triangle, vertex and size limits are derived from it). */
  analysis: { memoryMb: number };
  /** Operational timings of data-rights requests (the legal deadlines come from the manifest). */
  rights: { exportLinkHours: number; exportKeepDays: number; requestConfirmHours: number; reminderDaysBefore: number[] };
  /** stripe: null when not configured (bank transfer only). recipient: the manifest's payment provider. */
  payments: { stripe: { secretKey: string; webhookSecret: string; apiUrl: string } | null; recipient: string; taxRatePercent: number };
  /** sms: null when no provider is configured. Campaign batches: size and pause between them. */
  marketing: { sms: { url: string; token: string | undefined; recipient: string } | null; batchSize: number; batchPauseSeconds: number };
  /** The support desk: its address, the inbound SMTP listener (port null: none), and the contact form's limits. */
  support: {
    address: string;
    smtp: { port: number | null; host: string };
    confirmHours: number;
    attachmentMaxBytes: number;
    attachmentMaxCount: number;
    challengeCost: number;
    formsPerIpPerHour: number;
    formsPerEmailPerHour: number;
  };
  /** The operator's own websites whose pages may call the embeddable routes (consent records, analytics). */
  embedOrigins: string[];
  /** Connected systems: the manifest recipient they are, and how webhooks are sent (SSRF guard, timeout). */
  integrations: { recipient: string; allowPrivateAddresses: boolean; timeoutMs: number };
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; reports every problem together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  // The storage variables are checked together, also when others are wrong, so every problem is listed at once.
  const storageEnv = { ...env, MESHVAULT_S3_FORCE_PATH_STYLE: parsed.data?.MESHVAULT_S3_FORCE_PATH_STYLE };
  const { storage, problems: storageProblems } = readStorageConfig(storageEnv, resolve(env.MESHVAULT_DATA_DIR || './data'));
  if (!parsed.success || storageProblems.length > 0) {
    throw new ConfigError([...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []), ...storageProblems]);
  }
  const e = parsed.data;
  if ((e.MESHVAULT_STRIPE_SECRET_KEY === undefined) !== (e.MESHVAULT_STRIPE_WEBHOOK_SECRET === undefined)) {
    throw new ConfigError(['MESHVAULT_STRIPE_SECRET_KEY and MESHVAULT_STRIPE_WEBHOOK_SECRET: set both to take card payments through Stripe, or neither']);
  }
  const dataDir = resolve(e.MESHVAULT_DATA_DIR);
  const publicUrl = (e.MESHVAULT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    dataDir,
    manifestPath: e.MESHVAULT_MANIFEST === undefined ? undefined : resolve(e.MESHVAULT_MANIFEST),
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: e.MESHVAULT_DATABASE_URL
      ? { kind: 'postgres', url: e.MESHVAULT_DATABASE_URL }
      : { kind: 'pglite', dir: resolve(dataDir, 'db'), ...(e.MESHVAULT_DATABASE_BUFFERS_MB === undefined ? {} : { sharedBuffersMb: e.MESHVAULT_DATABASE_BUFFERS_MB }) },
    filesDir: resolve(dataDir, 'files'),
    storage,
    masterKeyBase64: e.MESHVAULT_MASTER_KEY,
    initialAdmin: { email: e.MESHVAULT_ADMIN_EMAIL, password: e.MESHVAULT_ADMIN_PASSWORD },
    mail: { smtpUrl: e.MESHVAULT_SMTP_URL, from: e.MESHVAULT_MAIL_FROM ?? `no-reply@${new URL(publicUrl).hostname}`, recipient: e.MESHVAULT_MAIL_RECIPIENT ?? null },
    logLevel: e.MESHVAULT_LOG_LEVEL,
    secureCookies: e.MESHVAULT_SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    trustProxy: e.MESHVAULT_TRUST_PROXY,
    auth: {
      maxFailures: e.MESHVAULT_SIGNIN_MAX_FAILURES,
      lockoutMinutes: e.MESHVAULT_SIGNIN_LOCKOUT_MINUTES,
      sessionDays: e.MESHVAULT_SESSION_DAYS,
    },
    shutdownGraceSeconds: e.MESHVAULT_SHUTDOWN_GRACE_SECONDS,
    backupPassphrase: e.MESHVAULT_BACKUP_PASSPHRASE,
    uploads: {
      maxBytes: e.MESHVAULT_UPLOAD_MAX_BYTES,
      extensions: [...new Set(e.MESHVAULT_UPLOAD_EXTENSIONS.split(',').map((x) => x.trim().toLowerCase()))],
      abandonAfterDays: e.MESHVAULT_UPLOAD_ABANDON_DAYS,
    },
    analysis: { memoryMb: e.MESHVAULT_ANALYSIS_MEMORY_MB },
    rights: {
      exportLinkHours: e.MESHVAULT_EXPORT_LINK_HOURS,
      exportKeepDays: e.MESHVAULT_EXPORT_KEEP_DAYS,
      requestConfirmHours: e.MESHVAULT_REQUEST_CONFIRM_HOURS,
      reminderDaysBefore: [...new Set(e.MESHVAULT_REQUEST_REMINDER_DAYS.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a),
    },
    payments: {
      stripe:
        e.MESHVAULT_STRIPE_SECRET_KEY && e.MESHVAULT_STRIPE_WEBHOOK_SECRET
          ? { secretKey: e.MESHVAULT_STRIPE_SECRET_KEY, webhookSecret: e.MESHVAULT_STRIPE_WEBHOOK_SECRET, apiUrl: e.MESHVAULT_STRIPE_API_URL }
          : null,
      recipient: e.MESHVAULT_PAYMENT_RECIPIENT,
      taxRatePercent: e.MESHVAULT_TAX_RATE_PERCENT,
    },
    marketing: {
      sms: e.MESHVAULT_SMS_URL ? { url: e.MESHVAULT_SMS_URL, token: e.MESHVAULT_SMS_TOKEN, recipient: e.MESHVAULT_SMS_RECIPIENT } : null,
      batchSize: e.MESHVAULT_MARKETING_BATCH_SIZE,
      batchPauseSeconds: e.MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS,
    },
    support: {
      address: (e.MESHVAULT_SUPPORT_ADDRESS ?? `support@${new URL(publicUrl).hostname}`).toLowerCase(),
      smtp: { port: e.MESHVAULT_SUPPORT_SMTP_PORT ?? null, host: e.MESHVAULT_SUPPORT_SMTP_HOST ?? e.HOST },
      confirmHours: e.MESHVAULT_SUPPORT_CONFIRM_HOURS,
      attachmentMaxBytes: e.MESHVAULT_SUPPORT_ATTACHMENT_MAX_BYTES,
      attachmentMaxCount: e.MESHVAULT_SUPPORT_ATTACHMENT_MAX_COUNT,
      challengeCost: e.MESHVAULT_SUPPORT_CHALLENGE_COST,
      formsPerIpPerHour: e.MESHVAULT_SUPPORT_FORMS_PER_IP_HOUR,
      formsPerEmailPerHour: e.MESHVAULT_SUPPORT_FORMS_PER_EMAIL_HOUR,
    },
    embedOrigins: e.MESHVAULT_EMBED_ORIGINS,
    integrations: { recipient: e.MESHVAULT_INTEGRATIONS_RECIPIENT, allowPrivateAddresses: e.MESHVAULT_WEBHOOK_ALLOW_PRIVATE, timeoutMs: e.MESHVAULT_WEBHOOK_TIMEOUT_SECONDS * 1000 },
  };
}

/** This process's configuration with some variables set otherwise: a command's own, sent by the CLI that ran it. */
export function loadConfigWith(overrides: Readonly<Record<string, string | undefined>>): Config {
  return loadConfig({ ...process.env, ...overrides });
}

/** Test-only environment knobs, kept here because only platform/config reads process.env. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.MESHVAULT_TEST_DATABASE_URL || undefined;
}

/**
 * Set by the test run's global setup (never by an operator): where the databases made once per run
 * are, a folder of PGlite data-directory tarballs or, on PostgreSQL, the template database's name.
 */
export const TEST_SNAPSHOT_VARIABLE = 'MESHVAULT_TEST_SNAPSHOT';
export function testSnapshot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[TEST_SNAPSHOT_VARIABLE] || undefined;
}

/**
 * The AWS SDK warns once, on Node 20, that its releases after January 2027 need Node 22 (aws-sdk-js-v3
 * issue #7983). That is for whoever upgrades Meshvault's dependencies, not for the operator, whose log it
 * would only clutter: it is switched off the documented way unless the operator set the variable.
 */
export function quietAwsSdkNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** The storage an s3:// URL names, with the MESHVAULT_S3_* variables of the environment (`meshvault migrate-to`). */
export function storageConfigFor(url: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const forcePathStyle = ZBool.optional().safeParse(env.MESHVAULT_S3_FORCE_PATH_STYLE);
  const { storage, problems } = readStorageConfig({ ...env, MESHVAULT_STORAGE_URL: url, MESHVAULT_S3_FORCE_PATH_STYLE: forcePathStyle.data }, dataDir);
  if (!forcePathStyle.success) problems.push('MESHVAULT_S3_FORCE_PATH_STYLE: must be true or false');
  if (problems.length > 0) throw new ConfigError(problems);
  return storage;
}
