import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Config } from './platform/config/index.js';
import { migrateToLatest, type DatabaseHandle } from './platform/db/index.js';
import { createHttpServer, csrfProtection, type HttpServer } from './platform/http/index.js';
import type { Logger } from './platform/log/index.js';
import { createMailTransport } from './platform/mail/index.js';
import { createJobQueue, type JobQueue, type JobRole } from './platform/jobs/index.js';
import type { Database } from './database.js';
import { MODULES_DIR, WEB_DIST_DIR, projectRoot } from './app-paths.js';
import { createAccountsService, createAuthHooks, registerAccountsRoutes, SESSION_COOKIE, type AccountsService } from './modules/accounts/index.js';
import { createMailService, type MailService } from './modules/mail/index.js';
import { registerMailRoutes } from './modules/mail/mail.routes.js';
import { createOrgDomainClaimHook, createOrgsService, registerOrgsRoutes, type OrgsService } from './modules/orgs/index.js';
import { createPolicySource, type PolicySource } from './policy-source.js';
import { loadOrCreateMasterKeys } from './platform/crypto/index.js';
import { createLocalStorageDriver } from './platform/storage/index.js';
import { createProjectsService, loadOperatorSettings, registerProjectsRoutes, type ProjectsService } from './modules/projects/index.js';
import { createFilesService, createFileVault, registerFilesRoutes, type FilesService } from './modules/files/index.js';
import { createQuotesService, registerQuotesRoutes, type QuotesService } from './modules/quotes/index.js';

export type AppDeps = {
  config: Config;
  log: Logger;
  database: DatabaseHandle<Database>;
  now?: () => Date;
  /** Which jobs this process works: 'api' only sends them. Default 'all'. */
  role?: JobRole;
};

export type App = {
  http: HttpServer;
  db: DatabaseHandle<Database>['db'];
  database: DatabaseHandle<Database>;
  services: { accounts: AccountsService; mail: MailService; orgs: OrgsService; policy: PolicySource; projects: ProjectsService; files: FilesService; quotes: QuotesService };
  jobs: JobQueue;
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

  const policy = createPolicySource();
  const jobs = createJobQueue({ handle: database, log, role: deps.role ?? 'all' });
  let jobsStarted = false;
  const mail = createMailService({ db: database.db, transport: createMailTransport(config.mail.smtpUrl), from: config.mail.from, now, log });
  const accounts = createAccountsService({
    db: database.db,
    mail,
    now,
    log,
    publicUrl: config.publicUrl,
    auth: config.auth,
    policy: { minimumAge: () => policy.minimumAge() },
    onEmailVerified: [createOrgDomainClaimHook({ mail, now })],
  });
  const orgs = createOrgsService({ db: database.db, mail, now, publicUrl: config.publicUrl, accounts });
  const operator = await loadOperatorSettings(config.dataDir);
  const masterKeys = await loadOrCreateMasterKeys({ dataDir: config.dataDir, configuredKeys: config.masterKeyBase64 });
  const fileVault = createFileVault({ storage: createLocalStorageDriver({ rootDir: config.filesDir }), masterKeys });
  const projects = createProjectsService({ db: database.db, mail, now, publicUrl: config.publicUrl, operator });
  const files = createFilesService({ db: database.db, mail, now, publicUrl: config.publicUrl, log, fileVault, jobs, operator, limits: config.uploads });
  const quotes = createQuotesService({ db: database.db, mail, now, publicUrl: config.publicUrl, operator });
  await jobs.work(files.analyzeJob);

  const http = await createHttpServer({ logger: log, title: 'Meshvault API', version: appVersion(), publicUrl: config.publicUrl });
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
  registerMailRoutes(http, { mail, auth });
  registerProjectsRoutes(http, { projects, auth });
  await registerFilesRoutes(http, { files, auth });
  registerQuotesRoutes(http, { quotes, auth });
  await serveWebApp(http);

  return {
    http,
    db: database.db,
    database,
    services: { accounts, mail, orgs, policy, projects, files, quotes },
    jobs,
    startJobs: async () => {
      if (jobsStarted) return;
      await jobs.start();
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

/** The built React app, with client-side routes falling back to index.html. */
async function serveWebApp(http: HttpServer) {
  if (!existsSync(join(WEB_DIST_DIR, 'index.html'))) {
    http.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('Meshvault API is running. The web app is not built: run `npm run build:web`.'),
    );
    return;
  }
  await http.register(fastifyStatic, { root: WEB_DIST_DIR, wildcard: false, index: ['index.html'] });
  http.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
