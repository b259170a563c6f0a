import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './platform/config/index.js';
import { migrateToLatest, type DatabaseHandle } from './platform/db/index.js';
import { createHttpServer, csrfProtection, serveWebApp, type HttpServer } from './platform/http/index.js';
import type { Logger } from './platform/log/index.js';
import { createMailTransport } from './platform/mail/index.js';
import { createJobQueue, type JobQueue, type JobRole } from './platform/jobs/index.js';
import { createUnitOfWork, type UnitOfWork } from './platform/unit-of-work/index.js';
import { recordAudit } from './modules/audit/index.js';
import type { Database } from './database.js';
import { MODULES_DIR, WEB_DIST_DIR, projectRoot } from './app-paths.js';
import { createAccountsService, createAuthHooks, registerAccountsRoutes, SESSION_COOKIE, type AccountsService } from './modules/accounts/index.js';
import { createMailService, registerMailRoutes, type MailService } from './modules/mail/index.js';
import { createOrgDomainClaimHook, createOrgsService, registerOrgsRoutes, type OrgsService } from './modules/orgs/index.js';
import { createPrivacyService, registerPrivacyRoutes, registerPublicPrivacyPages, type ActivePolicy, type PrivacyService, UndeclaredCategoriesError } from './modules/privacy/index.js';
import { categoryColumns } from './platform/registry/index.js';
import { installationRegistry } from './registry.js';
import { loadOrCreateMasterKeys } from './platform/crypto/index.js';
import { createLocalStorageDriver } from './platform/storage/index.js';
import { createProjectsService, loadOperatorSettings, registerProjectsRoutes, type ProjectsService } from './modules/projects/index.js';
import { createFilesService, createFileVault, registerFilesRoutes, type FilesService } from './modules/files/index.js';
import { createQuotesService, registerQuotesRoutes, type QuotesService } from './modules/quotes/index.js';
import { createRightsService, isBeingErased, registerOfficerRoutes, registerRightsRoutes, type RightsService } from './modules/rights/index.js';

export type AppDeps = {
  config: Config;
  log: Logger;
  database: DatabaseHandle<Database>;
  now?: () => Date;
  /** Which jobs this process works: 'api' only sends them. Default 'all'. */
  role?: JobRole;
  /**
   * 'refuse' (default): creating the app fails when the policy in force omits a category the code
   * stores. 'warn' logs it instead, for the operator's CLI, which must stay usable to publish a fix.
   */
  policyCheck?: 'refuse' | 'warn';
  /** The built web app (default dist/web); tests point it at a fixture. */
  webDir?: string;
};

export type App = {
  http: HttpServer;
  db: DatabaseHandle<Database>['db'];
  database: DatabaseHandle<Database>;
  services: { accounts: AccountsService; mail: MailService; orgs: OrgsService; policy: ActivePolicy; privacy: PrivacyService; projects: ProjectsService; files: FilesService; quotes: QuotesService; rights: RightsService };
  jobs: JobQueue;
  /** Transactions with their audit, mail and jobs, for code outside the modules (CLI, tests). */
  uow: UnitOfWork;
  /** Starts pg-boss (and, in the worker roles, the handlers). Tests that need no jobs skip it. */
  startJobs(): Promise<void>;
  stopJobs(timeoutMs: number): Promise<void>;
  /** Marks the app as draining: readiness fails so a load balancer stops sending traffic. */
  beginDrain(): void;
  close(): Promise<void>;
};

/** Wires every module onto one database; no module-level state, so tests build as many as they like. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, log, database } = deps;
  const now = deps.now ?? (() => new Date());
  await migrateToLatest(database.db, MODULES_DIR);

  // An embedded database is opened by one process only (the instance lock): its jobs have no other worker.
  const jobs = createJobQueue({ handle: database, log, role: deps.role ?? 'all', soleWorker: database.kind === 'pglite' });
  let jobsStarted = false;
  const mail = createMailService({ db: database.db, transport: createMailTransport(config.mail.smtpUrl), from: config.mail.from, now, log });
  const uow = createUnitOfWork({
    db: database.db,
    log,
    jobs,
    writeAudit: (trx, entry) => recordAudit(trx, { now }, entry),
    queueMail: (trx, message) => mail.enqueue(trx, message),
  });
  const privacy = createPrivacyService({
    db: database.db,
    mail,
    jobs,
    now,
    log,
    publicUrl: config.publicUrl,
    defaultManifestPath: join(projectRoot(), 'manifests', 'default.yaml'),
    storedCategories: categoryColumns(installationRegistry()),
  });
  await assertPolicyCoversRegistry(privacy, deps.policyCheck ?? 'refuse', log);
  await jobs.work(privacy.notifyJob);
  const policy = privacy.policy;
  const accounts = createAccountsService({
    db: database.db,
    mail,
    now,
    log,
    publicUrl: config.publicUrl,
    auth: config.auth,
    policy: { minimumAge: async () => (await policy.values()).minimumAge },
    onEmailVerified: [createOrgDomainClaimHook({ mail, now })],
    // The accounts module's transaction also reaches the rights tables: one database.
    isBeingErased: (db, userId) => isBeingErased(db, userId),
  });
  const orgs = createOrgsService({ db: database.db, mail, now, publicUrl: config.publicUrl, accounts });
  const operator = await loadOperatorSettings(config.dataDir);
  const masterKeys = await loadOrCreateMasterKeys({ dataDir: config.dataDir, configuredKeys: config.masterKeyBase64 });
  const fileVault = createFileVault({ storage: createLocalStorageDriver({ rootDir: config.filesDir }), masterKeys });
  const projects = createProjectsService({ db: database.db, mail, now, publicUrl: config.publicUrl, operator });
  const files = createFilesService({ db: database.db, mail, now, publicUrl: config.publicUrl, log, fileVault, jobs, operator, limits: config.uploads });
  const quotes = createQuotesService({ db: database.db, mail, now, publicUrl: config.publicUrl, operator });
  await jobs.work(files.analyzeJob);
  await jobs.work(files.discardJob);
  const rights = createRightsService({
    db: database.db,
    mail,
    now,
    log,
    publicUrl: config.publicUrl,
    dataDir: config.dataDir,
    registry: installationRegistry(),
    policy,
    fileVault,
    jobs,
    settings: config.rights,
  });
  for (const job of [rights.exportJob, rights.erasureJob, rights.reminderJob]) await jobs.work(job);

  const http = await createHttpServer({ logger: log, title: 'Meshvault API', version: appVersion(), publicUrl: config.publicUrl, trustProxy: config.trustProxy });
  const auth = createAuthHooks(accounts);
  http.addHook('onRequest', async (request) => auth.resolve(request));
  http.addHook('preHandler', csrfProtection({ sessionCookie: SESSION_COOKIE, secure: config.secureCookies }));

  let draining = false;
  http.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  http.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (draining) return reply.status(503).send({ status: 'draining' });
    await database.executeSql('select 1');
    return { status: 'ready' };
  });

  registerAccountsRoutes(http, { accounts, auth, secureCookies: config.secureCookies, organisationOf: orgs.organisationOf });
  registerOrgsRoutes(http, { orgs, auth });
  registerMailRoutes(http, { mail, auth, db: database.db, now });
  registerProjectsRoutes(http, { projects, auth });
  await registerFilesRoutes(http, { files, auth });
  registerQuotesRoutes(http, { quotes, auth });
  registerRightsRoutes(http, { rights, auth, policy });
  registerOfficerRoutes(http, { rights, auth });
  registerPrivacyRoutes(http, { privacy, auth });
  registerPublicPrivacyPages(http, { privacy, now });
  await serveWebApp(http, deps.webDir ?? WEB_DIST_DIR);

  return {
    http,
    db: database.db,
    database,
    services: { accounts, mail, orgs, policy, privacy, projects, files, quotes, rights },
    jobs,
    uow,
    startJobs: async () => {
      if (jobsStarted) return;
      await jobs.start();
      // Daily, so privacy officers hear about requests due soon (MESHVAULT_REQUEST_REMINDER_DAYS).
      if (jobs.role !== 'api') {
        await jobs.schedule(rights.reminderJob, '0 7 * * *', {});
        await jobs.schedule(files.discardJob, '30 3 * * *', {});
        await rights.resumeUnfinishedErasures();
      }
      jobsStarted = true;
    },
    stopJobs: async (timeoutMs) => {
      if (!jobsStarted) return;
      jobsStarted = false;
      await jobs.stop({ graceful: true, timeoutMs });
    },
    beginDrain: () => {
      draining = true;
    },
    close: async () => {
      await http.close();
      if (jobsStarted) await jobs.stop({ graceful: false });
      jobsStarted = false;
    },
  };
}

/** An installation must not run code that stores data its policy in force does not declare. */
async function assertPolicyCoversRegistry(privacy: PrivacyService, mode: 'refuse' | 'warn', log: Logger) {
  try {
    await privacy.assertDeclaresStoredCategories();
  } catch (error) {
    if (mode === 'refuse' || !(error instanceof UndeclaredCategoriesError)) throw error;
    log.warn({ version: error.version, categories: [...error.missing.keys()] }, error.message);
  }
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
