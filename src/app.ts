import type { Kysely, RawBuilder } from 'kysely';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './platform/config/index.js';
import { migrateToLatest, withStartupLock, type DatabaseHandle } from './platform/db/index.js';
import { createHttpServer, installCsrfProtection, installEmbedCors, installKeyAuthenticatedCors, serveWebApp, type HttpServer } from './platform/http/index.js';
import type { Logger } from './platform/log/index.js';
import { createMailTransport, senderAddress } from './platform/mail/index.js';
import { createHttpSmsClient } from './platform/sms/index.js';
import type { InboundSmtp } from './platform/mail/inbound-smtp.js';
import { createJobQueue, databaseJobs, type JobQueue, type JobRole, type ModuleJob } from './platform/jobs/index.js';
import { bindUseCases, createUnitOfWork, SYSTEM_ACTOR, type TActor, type UnitOfWork, type Work } from './platform/unit-of-work/index.js';
import { pruneAuditPrefix, recordAudit, recordAuditWith, verifyAuditChain } from './modules/audit/index.js';
import type { Database } from './database.js';
import { MODULES_DIR, WEB_DIST_DIR, projectRoot } from './app-paths.js';
import { accountsUseCases, createAuthHooks, keptWithSession, registerAccountsRoutes, SESSION_COOKIE, type AccountsService } from './modules/accounts/index.js';
import { createMailService, registerMailRoutes, type MailService } from './modules/mail/index.js';
import { createOrgDomainClaimHook, orgsUseCases, registerOrgsRoutes, type OrgsService } from './modules/orgs/index.js';
import { createPolicyAcceptanceRecorder, createPolicyShownCheck, createPrivacyDeps, declaredCookieLifetime, parseManifestAhead, privacyJobs, privacyUseCases, registerPrivacyRoutes, registerPublicPrivacyPages, type ActivePolicy, type PrivacyUseCases, UndeclaredCategoriesError } from './modules/privacy/index.js';
import { countStoredRows, isPersonal, type TableRegistry } from './platform/registry/index.js';
import { featureHook, featureJobs, registerFeatureRoutes, registerGatedRoutes, type FeatureSwitch } from './platform/features/index.js';
import { coreNeeds, createFeatures } from './features.js';
import { installationRegistry } from './registry.js';
import { loadOrCreateMasterKeys, openSecret, resealSecret, sealSecret, signLink, verifyLink } from './platform/crypto/index.js';
import { openStorage, type StorageDriver } from './platform/storage/index.js';
import { loadOperatorSettings, projectsUseCases, registerProjectsRoutes, type ProjectsService } from './modules/projects/index.js';
import { createFilesDeps, createFileVault, filesJobs, filesUseCases, registerFilesRoutes, type FilesService, type FileVault } from './modules/files/index.js';
import { quotesUseCases, registerQuotesRoutes, type QuotesService } from './modules/quotes/index.js';
import { ordersUseCases, registerBillingRoutes, registerOrdersRoutes, registerPaymentWebhookRoutes, type OrdersService } from './modules/orders/index.js';
import { createStripeClient } from './platform/payments/index.js';
import { createWebhookClient } from './platform/webhooks/index.js';
import { createIntegrationsDeps, integrationsJobs, integrationsUseCases, recordEvent, registerIntegrationsRoutes, type IntegrationsService, type IntegrationsWorkDeps } from './modules/integrations/index.js';
import { createModelAnalyser } from './modules/models/index.js';
import { configuratorUseCases, registerConfiguratorRoutes, registerConfiguredOrderRoutes, type ConfiguratorService } from './modules/configurator/index.js';
import { registerOfficerRoutes, registerRightsRoutes, rightsUseCases } from './modules/rights/index.js';
import { egressUseCases, type EgressService } from './modules/egress/index.js';
import { createDataExportDeps, dataExportJobs, dataExportUseCases, registerDataExportRoutes } from './modules/data-export/index.js';
import { beingErasedCondition, createErasureDeps, erasureJobs, erasureUseCases, isBeingErased, registerErasureRoutes } from './modules/erasure/index.js';
import { createRetentionDeps, registerRetentionRoutes, retentionJobs, retentionUseCases, type RetentionService } from './modules/retention/index.js';
import { legalHoldsJobs, legalHoldsUseCases, registerLegalHoldsRoutes, type LegalHoldsService } from './modules/legal-holds/index.js';
import { licensingUseCases, registerDesktopRoutes, releaseSeats, registerLicensingRoutes, type LicensingService } from './modules/licensing/index.js';
import { applySubscriptionStripeEvent, registerSubscriptionsRoutes, subscriptionsJobs, subscriptionsUseCases, type SubscriptionsDeps, type SubscriptionsService } from './modules/subscriptions/index.js';
import { databaseRateLimitStore } from './modules/rate-limits/index.js';
import { analyticsUseCases, registerAnalyticsRoutes, type AnalyticsService } from './modules/analytics/index.js';
import { consentUseCases, recordPromptAnswer, registerConsentRoutes, type ConsentService } from './modules/consent/index.js';
import { createSignUpPostalCheck, createSignUpTicksRecorder, isUnsubscribeAddress, marketingJobs, marketingUseCases, registerMarketingRoutes, registerUnsubscribeRoutes, unsubscribeAddressOf, type MarketingDeps, type MarketingService } from './modules/marketing/index.js';
import { checkInstallation, registerConformanceRoutes, type InstallationCheck } from './modules/conformance/index.js';
import { createTicketClaimHook, isSupportAddress, registerSupportRoutes, supportJobs, supportUseCases, type SupportDeps, type SupportService } from './modules/support/index.js';
import { defineReminderJob, registerRequestOfficerRoutes, rightsRequestsJobs, registerRightsRequestsRoutes, rightsRequestsUseCases } from './modules/rights-requests/index.js';

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
  services: { accounts: AccountsService; egress: EgressService; features: FeatureSwitch; mail: MailService; orgs: OrgsService; policy: ActivePolicy; privacy: PrivacyUseCases; projects: ProjectsService; files: FilesService; quotes: QuotesService; orders: OrdersService; rights: DataRightsServices; retention: RetentionService; holds: LegalHoldsService; support: SupportService; licensing: LicensingService; subscriptions: SubscriptionsService; analytics: AnalyticsService; integrations: IntegrationsService; consent: ConsentService; marketing: MarketingService; configurator: ConfiguratorService; privacyCheck: () => Promise<InstallationCheck> };
  /** The SMTP listener receiving mail for the support address, when MESHVAULT_SUPPORT_SMTP_PORT is set. */
  inboundMail: InboundSmtp | null;
  jobs: JobQueue;
  /** Transactions with their audit, mail and jobs, for code outside the modules (CLI, tests). */
  uow: UnitOfWork;
  /** Every module's jobs (from its <domain>.jobs.ts), registered here and scheduled by the worker roles. */
  moduleJobs: ModuleJob[];
  /** Starts pg-boss (and, in the worker roles, the handlers). Tests that need no jobs skip it. */
  startJobs(): Promise<void>;
  stopJobs(timeoutMs: number): Promise<void>;
  /** Marks the app as draining: readiness fails so a load balancer stops sending traffic. */
  beginDrain(): void;
  close(): Promise<void>;
};

/** The manifest a new installation publishes at first start: MESHVAULT_MANIFEST, or the bundled default. */
function firstManifestPath(config: Config): string {
  return config.manifestPath ?? join(projectRoot(), 'manifests', 'default.yaml');
}

/**
 * Parses the first-start manifest ahead, for a server starting while its embedded database opens in
 * its own thread (start-server.ts): on an installation whose policy in force is still that text, as
 * most are, createApp finds it parsed. Another policy in force, or a file that cannot be read, costs
 * only this parse, in time the start would have spent waiting.
 */
export function parseFirstManifestAhead(config: Config): void {
  let text: string;
  try {
    text = readFileSync(firstManifestPath(config), 'utf8');
  } catch {
    return;
  }
  parseManifestAhead(text);
}

/** Wires every module onto one database; no module-level state, so tests build as many as they like. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config, log, database } = deps;
  const now = deps.now ?? (() => new Date());
  // Processes starting together on a new database migrate one after the other; the later ones find
  // nothing to do. Awaited once the app is built, which queries nothing: a server's embedded database
  // may still be opening in its thread (openDatabaseBehind), and the routes are built meanwhile.
  const migrated = withStartupLock(database, () => migrateToLatest(database.db, MODULES_DIR));
  migrated.catch(() => {}); // awaited below

  // An embedded database is opened by one process only (the instance lock): its jobs have no other worker.
  const jobs = createJobQueue({ handle: database, log, role: deps.role ?? 'all', soleWorker: database.kind === 'pglite' });
  let jobsStarted = false;
  const mail = createMailService({
    db: database.db,
    transport: createMailTransport(config.mail.smtpUrl),
    // The operator's name from the policy in force, at the configured address.
    sender: async () => ({ name: (await policy.current()).manifest.operator.name, address: senderAddress(config.mail.from) }),
    now,
    log,
    // Each message leaves only through the one way out, in the work that marks it sent.
    gate: (message, send) =>
      uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
        await egress.releaseMail(work, message);
        await send(work);
      }),
  });
  const uow = createUnitOfWork({
    db: database.db,
    log,
    jobs,
    writeAudit: (trx, entry) => recordAudit(trx, { now }, entry),
    writeAuditWith: (db, entry, change) => recordAuditWith(db, { now }, entry, change),
    queueMail: (trx, message) => mail.enqueue(trx, message),
    // The one listener of domain events: integrations records each for the connections that asked for it.
    publish: async (work, event) => {
      if ((await features.state('integrations')).on) await recordEvent(integrationsDeps, work, event);
    },
  });
  const registry = installationRegistry();
  const privacyDeps = createPrivacyDeps({
    db: database.db,
    uow,
    now,
    log,
    publicUrl: config.publicUrl,
    defaultManifestPath: firstManifestPath(config),
    storedCategories: coreNeeds(),
    storedRows: (work, category) => countStoredRows(work.trx, registry, category),
    // A consent question answered after a policy change becomes consent records, in the answer's work.
    onConsentAnswered: (work, answer) => recordPromptAnswer({ now, policy: privacyDeps.policy }, work, answer),
  });
  const privacy = bindUseCases(privacyDeps, privacyUseCases);
  const policy = privacyDeps.policy;
  const declares = async (category: string) => (await policy.values()).isDeclared(category);
  const features = createFeatures(policy);
  const egress: EgressService = bindUseCases({ now, policy, mailRecipient: config.mail.recipient }, egressUseCases);
  // The banner asks before loading an advertiser's script; egress decides and logs the disclosure.
  const consent: ConsentService = bindUseCases({ db: database.db, uow, now, policy, releaseAdvertising: (work, subject) => egress.releaseAdvertising(work, subject) }, consentUseCases);
  const masterKeys = await loadOrCreateMasterKeys({ dataDir: config.dataDir, configuredKeys: config.masterKeyBase64 });
  // The SMS provider's HTTP client lives in platform/sms; marketing hands it only what egress released.
  const marketingDeps: MarketingDeps = {
    db: database.db,
    uow,
    now,
    publicUrl: config.publicUrl,
    policy,
    egress,
    links: { sign: (message) => signLink(masterKeys, 'marketing-unsubscribe', message), verify: (message, signature) => verifyLink(masterKeys, 'marketing-unsubscribe', message, signature) },
    unsubscribeAddress: config.support.smtp.port === null ? null : unsubscribeAddressOf(config.support.address),
    sms: config.marketing.sms ? { client: createHttpSmsClient({ url: config.marketing.sms.url, token: config.marketing.sms.token }), recipient: config.marketing.sms.recipient } : null,
    pacing: { batchSize: config.marketing.batchSize, pauseSeconds: config.marketing.batchPauseSeconds },
  };
  const accounts: AccountsService = bindUseCases(
    {
      db: database.db,
      uow,
      now,
      log,
      publicUrl: config.publicUrl,
      auth: config.auth,
      policy: {
        minimumAge: async () => (await policy.values()).minimumAge,
        declares,
        sessionCookieSeconds: async () => {
          const lifetime = await declaredCookieLifetime(policy, SESSION_COOKIE, now());
          return lifetime?.kind === 'max-age' ? lifetime.seconds : null;
        },
      },
      // A verified address at a claimed domain joins its organisation; tickets written from an address
      // before it had an account become that account's. Each only while its feature is on.
      onEmailVerified: [featureHook(features, 'organisations', createOrgDomainClaimHook({ now })), featureHook(features, 'support', createTicketClaimHook())],
      // The privacy module records which policy version the person accepted, in the sign-up's work; marketing
      // checks a post box ticked comes with the address to send to, and stores both.
      checkSignUp: [createPolicyShownCheck({ now, policy }), createSignUpPostalCheck(marketingDeps)],
      onSignedUp: [createPolicyAcceptanceRecorder({ now, policy, acceptanceGate: privacyDeps.acceptanceGate }), createSignUpTicksRecorder(marketingDeps)],
      // Composed into the accounts module's queries, which also reach the erasure tables: one database.
      beingErased: beingErasedCondition,
    },
    accountsUseCases,
  );
  // A member removed from an organisation loses its licence seats in the same work (their machines too).
  const onMemberRemoved = [(work: Work, removal: { orgId: string; userId: string; actor: TActor }) => releaseSeats(work, { ...removal, reason: 'left_organisation' }).then(() => undefined)];
  const orgs: OrgsService = bindUseCases({ db: database.db, uow, now, publicUrl: config.publicUrl, accounts, onMemberRemoved }, orgsUseCases);
  const operator = await loadOperatorSettings(config.dataDir);
  // The day's salt for hashing addresses is keyed by the installation's secret, so no table of salts is kept.
  const analytics: AnalyticsService = bindUseCases({ db: database.db, uow, now, policy, egress, dailySalt: (day) => signLink(masterKeys, 'analytics-ip-salt', day), consent }, analyticsUseCases);
  // The local data directory, or an S3-compatible bucket that every API and worker process shares.
  const storage = await openStorage(config.storage);
  const fileVault = createFileVault({ storage: storage.driver, masterKeys });
  const projects: ProjectsService = bindUseCases({ db: database.db, uow, now, publicUrl: config.publicUrl, operator, policy: { declares } }, projectsUseCases);
  // One model analysis at a time, in a child process inside the memory budget; no upload is accepted
  // that the analysis would refuse for its size alone.
  const analyser = createModelAnalyser({ memoryMb: config.analysis.memoryMb });
  const uploadLimits = { ...config.uploads, maxBytes: Math.min(config.uploads.maxBytes, analyser.limits.maxInputBytes) };
  const filesDeps = createFilesDeps({ db: database.db, uow, now, log, fileVault, operator, limits: uploadLimits, analyser });
  const files: FilesService = { ...bindUseCases(filesDeps, filesUseCases), analyzeJob: filesDeps.analyzeJob, jobs: filesJobs(filesDeps), limits: filesDeps.limits };
  const quotes: QuotesService = bindUseCases({ db: database.db, uow, now, publicUrl: config.publicUrl, operator }, quotesUseCases);
  // The HTTP call to Stripe lives in platform/payments; the orders module gets the client and sends it only what egress released.
  const stripe = config.payments.stripe;
  const stripeClient = stripe ? createStripeClient({ secretKey: stripe.secretKey, apiUrl: stripe.apiUrl }) : null;
  const invoicing = { now, policy, fileVault, taxRatePercent: config.payments.taxRatePercent };
  // Subscriptions sit above orders and licensing: they bill through orders' invoices and drive licences.
  const subscriptionsDeps: SubscriptionsDeps = { db: database.db, uow, now, publicUrl: config.publicUrl, egress, invoicing, paymentRecipient: config.payments.recipient, stripe: stripeClient ? { client: stripeClient } : null };
  const subscriptions: SubscriptionsService = bindUseCases(subscriptionsDeps, subscriptionsUseCases);
  const orders: OrdersService = bindUseCases(
    {
      db: database.db,
      uow,
      now,
      publicUrl: config.publicUrl,
      policy,
      egress,
      fileVault,
      paymentRecipient: config.payments.recipient,
      taxRatePercent: config.payments.taxRatePercent,
      stripe: stripe && stripeClient ? { client: stripeClient, webhookSecret: stripe.webhookSecret } : null,
      // Stripe's one webhook also brings subscriptions' payments: orders checks it, subscriptions apply theirs.
      otherStripeEvents: async (work, event) => ((await features.state('subscriptions')).on ? applySubscriptionStripeEvent(work, subscriptionsDeps, event) : null),
    },
    ordersUseCases,
  );
  // Products are priced in the installation's currency, as quotes are; orders add the configured tax.
  const configurator: ConfiguratorService = bindUseCases(
    { db: database.db, uow, now, publicUrl: config.publicUrl, currency: operator.currency, files, orders, assertOrdersOn: () => features.assertOn('orders') },
    configuratorUseCases,
  );
  // Webhooks leave through the platform's client (SSRF guard, timeout, no redirects); the module gets only what egress released.
  const integrationsDeps: IntegrationsWorkDeps = createIntegrationsDeps({
    db: database.db,
    uow,
    now,
    publicUrl: config.publicUrl,
    policy,
    egress,
    webhooks: createWebhookClient({ allowPrivateAddresses: config.integrations.allowPrivateAddresses, timeoutMs: config.integrations.timeoutMs }),
    recipient: config.integrations.recipient,
    // Connectors' credentials are sealed under the master key ring in force (a rotation's new primary too).
    credentials: {
      seal: (plaintext) => sealSecret(plaintext, fileVault.masterKeys()),
      open: (sealed) => openSecret(sealed, fileVault.masterKeys()),
      reseal: (value) => resealSecret(value, fileVault.masterKeys()),
    },
    categoryOf: (table, column) => {
      const declared = registry[table]?.columns[column];
      return declared === undefined ? undefined : isPersonal(declared) ? declared.category : null;
    },
  });
  const integrations: IntegrationsService = bindUseCases(integrationsDeps, integrationsUseCases);
  const supportDeps: SupportDeps = {
    db: database.db,
    uow,
    now,
    publicUrl: config.publicUrl,
    policy,
    fileVault,
    settings: { ...config.support, challengeMinutes: 20 },
    links: { sign: (message) => signLink(masterKeys, 'support-confirm', message), verify: (message, signature) => verifyLink(masterKeys, 'support-confirm', message, signature) },
    // The spam challenge's HMAC key, derived from the master keys like the signed links' keys.
    challengeSecret: signLink(masterKeys, 'support-challenge', 'altcha hmac key'),
  };
  const support: SupportService = bindUseCases(supportDeps, supportUseCases);
  const dataRights = wireDataRights({
    db: database.db,
    uow,
    mail,
    now,
    log,
    publicUrl: config.publicUrl,
    dataDir: config.dataDir,
    // Every process's erasures reach the ledger a restore reads: the bucket they all share.
    sharedLedger: config.storage.kind === 's3' ? storage.driver : null,
    registry,
    policy,
    fileVault,
    jobs,
    settings: config.rights,
    egress,
  });
  const rights = dataRights.services;
  // A closed account at the end of its archive period is erased as if its owner had asked.
  const startAccountErasure = async (work: Work, userId: string) => {
    if (await isBeingErased(work, userId)) return false;
    await dataRights.erasure.startErasure(work, { userId, origin: 'retention' });
    return true;
  };
  // The audit trail is pruned by its own module, whole prefixes of the chain kept verifiable by an anchor.
  // A closed (archived) account holds no organisation's licence seat: it is freed, its machines deactivated.
  const onAccountClosed = [(work: Work, userId: string) => releaseSeats(work, { userId, reason: 'account_closed' }).then(() => undefined)];
  const pruneAudit = (work: Work, due: RawBuilder<boolean>) => pruneAuditPrefix(work.trx, { now }, due);
  const retentionDeps = createRetentionDeps({ db: database.db, uow, now, log, registry, policy, fileVault, jobs, startAccountErasure, pruneAudit, onAccountClosed });
  const retention: RetentionService = bindUseCases(retentionDeps, retentionUseCases);
  // Releasing a hold queues again the erasures that kept data because of it.
  const holdsDeps = { db: database.db, uow, now, onReleased: (work: Work, holdId: string) => rights.requeueHeldErasures(work, holdId) };
  const holds: LegalHoldsService = bindUseCases(holdsDeps, legalHoldsUseCases);
  const licensing: LicensingService = bindUseCases({ db: database.db, uow, now, masterKeys, publicUrl: config.publicUrl, policy }, licensingUseCases);
  const marketing: MarketingService = bindUseCases(marketingDeps, marketingUseCases);
  // Every cookie the server sets: the privacy check proves each is declared.
  const privacyCheck = () => checkInstallation({ db: database.db as unknown as Kysely<unknown>, verifyAuditChain: () => verifyAuditChain(database.db), registry, policy, now, planRetention: () => retention.planRetention(), cookiesSet: [SESSION_COOKIE] });
  // Each module lists its jobs and their schedules in its <domain>.jobs.ts.
  const moduleJobs = [...privacyJobs(privacyDeps), ...featureJobs(files.jobs, features, 'projects'), ...featureJobs(supportJobs(supportDeps), features, 'support'), ...featureJobs(integrationsJobs(integrationsDeps), features, 'integrations'), ...dataRights.jobs, ...retentionJobs(retentionDeps), ...legalHoldsJobs(holdsDeps), ...featureJobs(subscriptionsJobs(subscriptionsDeps), features, 'subscriptions'), ...featureJobs(marketingJobs(marketingDeps), features, 'marketing'), ...databaseJobs(database)];
  for (const { job } of moduleJobs) await jobs.work(job);

  // Rate limits count in the shared database: a flood spread over several API processes meets one limit.
  const rateLimitStore = databaseRateLimitStore({ db: database.db, now, hashKey: (key) => signLink(masterKeys, 'rate-limit-key', key) });
  const http = await createHttpServer({ logger: log, title: 'Meshvault API', version: appVersion(), publicUrl: config.publicUrl, trustProxy: config.trustProxy, rateLimitStore });
  // An account made for its owner (CLI, first admin) is refused most routes until they accept the policy.
  const { acceptanceGate } = privacyDeps;
  const auth = createAuthHooks(accounts, { requirePolicyAccepted: acceptanceGate.requireAccepted });
  http.addHook('onRequest', async (request) => auth.resolve(request));
  installCsrfProtection(http, {
    sessionCookie: SESSION_COOKIE,
    publicUrl: config.publicUrl,
    sign: (message) => signLink(masterKeys, 'csrf-token', message),
    verify: (message, signature) => verifyLink(masterKeys, 'csrf-token', message, signature),
    embedOrigins: config.embedOrigins,
  });
  installEmbedCors(http, config.embedOrigins);
  installKeyAuthenticatedCors(http);

  let draining = false;
  http.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  http.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (draining) return reply.status(503).send({ status: 'draining' });
    await database.executeSql('select 1');
    return { status: 'ready' };
  });

  registerAccountsRoutes(http, {
    accounts,
    auth,
    secureCookies: config.secureCookies,
    // No organisation to tell of while the policy in force switches organisations off (and no query for it);
    // else the one kept beside the session while no change to the account or its membership happened since.
    organisationOf: async (principal) => ((await features.state('organisations')).on ? keptWithSession(principal, 'organisation', () => orgs.organisationOf(principal.userId)) : null),
    // The policy in force says how long the session cookie lives (seed 001: until the browser closes).
    sessionCookieLifetime: () => declaredCookieLifetime(policy, SESSION_COOKIE, now()),
    policyAcceptancePending: acceptanceGate.pending,
  });
  // A feature's routes answer feature_off while the policy in force does not declare what it collects.
  await registerGatedRoutes(http, features, 'organisations', (scope) => registerOrgsRoutes(scope, { orgs, auth }));
  registerMailRoutes(http, { mail, auth, uow });
  await registerGatedRoutes(http, features, 'projects', async (scope) => {
    registerProjectsRoutes(scope, { projects, auth });
    await registerFilesRoutes(scope, { files, auth });
  });
  await registerGatedRoutes(http, features, 'quotes', (scope) => registerQuotesRoutes(scope, { quotes, auth }));
  // The desktop API and the licence pages exist only while the policy declares the licensing data.
  await registerGatedRoutes(http, features, 'licensing', (scope) => {
    registerDesktopRoutes(scope, { licensing });
    registerLicensingRoutes(scope, { licensing, auth });
  });
  await registerGatedRoutes(http, features, 'orders', (scope) => registerOrdersRoutes(scope, { orders, auth }));
  await registerGatedRoutes(http, features, 'subscriptions', (scope) => registerSubscriptionsRoutes(scope, { subscriptions, auth }));
  // Billing history, invoice PDFs and the payment provider's notices serve orders and subscriptions alike.
  await http.register(async (scope) => {
    scope.addHook('onRequest', async () => {
      if (!(await features.state('subscriptions')).on) await features.assertOn('orders');
    });
    registerBillingRoutes(scope as unknown as HttpServer, { orders, auth });
    await registerPaymentWebhookRoutes(scope as unknown as HttpServer, { orders });
  });
  // Saving and sharing configurations need the configurator; ordering one needs orders as well.
  await registerGatedRoutes(http, features, 'configurator', async (scope) => {
    registerConfiguratorRoutes(scope, { configurator, auth });
    await registerGatedRoutes(scope, features, 'orders', (inner) => registerConfiguredOrderRoutes(inner, { configurator, auth }));
  });
  const attachmentsBytes = config.support.attachmentMaxBytes * config.support.attachmentMaxCount;
  await registerGatedRoutes(http, features, 'support', (scope) =>
    registerSupportRoutes(scope, {
      support,
      auth,
      // base64 grows the attachments by a third; the text fields need little beside.
      limits: { perIpPerHour: config.support.formsPerIpPerHour, perEmailPerHour: config.support.formsPerEmailPerHour, bodyLimitBytes: Math.ceil((attachmentsBytes * 4) / 3) + 256 * 1024 },
    }),
  );
  await registerGatedRoutes(http, features, 'integrations', (scope) => registerIntegrationsRoutes(scope, { integrations, auth }));
  registerFeatureRoutes(http, { features, declaredCategories: async () => (await policy.values()).declaredCategories() });
  registerRightsRoutes(http, { rights: dataRights.rights, auth });
  registerDataExportRoutes(http, { exports: dataRights.exports, auth });
  registerErasureRoutes(http, { erasure: dataRights.erasure, auth });
  registerRightsRequestsRoutes(http, { requests: dataRights.requests, auth, policy });
  registerRequestOfficerRoutes(http, { requests: dataRights.requests, auth });
  registerOfficerRoutes(http, { rights: dataRights.rights, auth });
  registerRetentionRoutes(http, { retention, auth });
  registerLegalHoldsRoutes(http, { holds, auth });
  registerConformanceRoutes(http, { check: privacyCheck, auth });
  registerPrivacyRoutes(http, { privacy, auth });
  registerPublicPrivacyPages(http, { privacy, policy, now });
  await registerGatedRoutes(http, features, 'analytics', (scope) => registerAnalyticsRoutes(scope, { analytics, auth }));
  await registerGatedRoutes(http, features, 'marketing', async (scope) => {
    registerMarketingRoutes(scope, { marketing, auth });
    await registerUnsubscribeRoutes(scope, { marketing });
  });
  // The consent cookie and the optional first-party cookies are set only where the policy in force declares them.
  registerConsentRoutes(http, { consent, secureCookies: config.secureCookies, cookieLifetime: (name) => declaredCookieLifetime(policy, name, now()) });
  await serveWebApp(http, deps.webDir ?? WEB_DIST_DIR);
  // The first queries: nothing listens yet, so a refusal leaves nothing open.
  try {
    await migrated;
    await assertPolicyCoversRegistry(privacy, deps.policyCheck ?? 'refuse', log);
  } catch (error) {
    await http.close();
    storage.close();
    throw error;
  }

  // Mail for the support address: the listener is platform code; the support module threads each message.
  const inboundMail =
    config.support.smtp.port === null
      ? null
      : // smtp-server loads only where a support SMTP port is configured.
        await (await import('./platform/mail/inbound-smtp.js')).startInboundSmtp({
          port: config.support.smtp.port,
          host: config.support.smtp.host,
          maxBytes: config.support.attachmentMaxBytes * (config.support.attachmentMaxCount + 1) * 2,
          accepts: (address) => isSupportAddress(config.support.address, address) || isUnsubscribeAddress(marketingDeps.unsubscribeAddress!, address),
          deliver: async (raw, envelope) => {
            // The List-Unsubscribe mailto of marketing mail; anything else is for the support desk.
            if (envelope.to.some((to) => isUnsubscribeAddress(marketingDeps.unsubscribeAddress!, to))) {
              await features.assertOn('marketing');
              await marketing.unsubscribeByMail(raw);
              if (!envelope.to.some((to) => isSupportAddress(config.support.address, to))) return;
            }
            await features.assertOn('support');
            return support.receiveMail(raw, envelope);
          },
          log,
        });

  return {
    http,
    db: database.db,
    database,
    services: { accounts, egress, features, mail, orgs, policy, privacy, projects, files, quotes, orders, rights, retention, holds, support, licensing, subscriptions, analytics, integrations, consent, marketing, configurator, privacyCheck },
    inboundMail,
    jobs,
    uow,
    moduleJobs,
    startJobs: async () => {
      if (jobsStarted) return;
      await jobs.start();
      // Started: from here a failure below still leaves the queue for stopJobs / close to stop.
      jobsStarted = true;
      if (jobs.role !== 'api') {
        for (const entry of moduleJobs) if (entry.schedule) await jobs.schedule(entry.job, entry.schedule, {});
        await rights.resumeUnfinishedErasures();
        await retention.resumeUnfinishedRetention();
      }
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
      await inboundMail?.close();
      await http.close();
      if (jobsStarted) await jobs.stop({ graceful: false });
      jobsStarted = false;
      storage.close();
    },
  };
}

/**
 * The data-rights modules, each bound once to its deps: rights (dashboard, restriction, disclosures,
 * organisation admins) and rights-requests fulfil what people ask with data-export and erasure, whose
 * `queueExport` / `startErasure` they call inside their own work. `services` is all their use-cases
 * and jobs as one record, `app.services.rights.<name>` (tests, the CLI and the benchmarks use it).
 */
function wireDataRights(base: {
  db: DatabaseHandle<Database>['db'];
  uow: UnitOfWork;
  mail: MailService;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  dataDir: string;
  sharedLedger: StorageDriver | null;
  registry: TableRegistry;
  policy: ActivePolicy;
  fileVault: FileVault;
  jobs: JobQueue;
  settings: Config['rights'];
  egress: EgressService;
}) {
  const exportDeps = createDataExportDeps(base);
  const exports = bindUseCases(exportDeps, dataExportUseCases);
  const erasureDeps = createErasureDeps(base);
  const erasure = bindUseCases(erasureDeps, erasureUseCases);
  const requestsDeps = { ...base, exports, erasure };
  const requests = bindUseCases(requestsDeps, rightsRequestsUseCases);
  const rights = bindUseCases({ ...base, exports, erasure }, rightsUseCases);
  const jobs = { exportJob: exportDeps.exportJob, erasureJob: erasureDeps.erasureJob, reminderJob: defineReminderJob(requestsDeps) };
  const moduleJobs = [...dataExportJobs(exportDeps), ...erasureJobs(erasureDeps), ...rightsRequestsJobs(requestsDeps)];
  return { exports, erasure, requests, rights, jobs: moduleJobs, services: { ...rights, ...requests, ...exports, ...erasure, ...jobs } };
}

export type DataRightsServices = ReturnType<typeof wireDataRights>['services'];

/** An installation must not run code that stores data its policy in force does not declare. */
async function assertPolicyCoversRegistry(privacy: PrivacyUseCases, mode: 'refuse' | 'warn', log: Logger) {
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
