import { defineTables, notPersonal } from '../../platform/registry/index.js';

/**
 * What licensing stores about people: their licences and the machines they activated. Products,
 * policies, releases and signing keys are about no one. The machine identifier the desktop app sends
 * is stored only as a keyed hash (HMAC under a key derived from the master keys), never as sent.
 */
const about = (description: string, columns: string[]) => ({ subject: null, description, columns: Object.fromEntries(columns.map((c) => [c, notPersonal])) });

export const licensingData = defineTables({
  licensing_products: about('The software products we licence.', ['id', 'code', 'name', 'created_at']),
  licensing_policies: about('The kinds of licence we sell: duration, machine limit, heartbeat and offline use.', [
    'id',
    'product_id',
    'name',
    'duration_seconds',
    'max_machines',
    'floating',
    'require_heartbeat',
    'heartbeat_seconds',
    'offline_allowed',
    'file_ttl_seconds',
    'created_at',
  ]),
  licensing_releases: about('The versions of our software offered as updates.', ['id', 'product_id', 'version', 'channel', 'platform', 'notes', 'artifact_url', 'published_at']),
  licensing_signing_keys: about('The keys that sign offline licence files (the private half wrapped by the master key).', ['id', 'public_key', 'private_key_wrapped', 'created_at', 'retired_at']),
  licences: {
    subject: 'user_id',
    // A licence's clock starts when it ends (revoked, expired, subscription over); an active one is kept.
    retentionStart: 'ended_at',
    description: 'Your software licences: the key, its status, what it entitles you to and your subscription status.',
    columns: {
      id: notPersonal,
      policy_id: notPersonal,
      user_id: { category: 'account.id', erase: 'keep-with-row' },
      key: { category: 'licence.key', erase: 'delete-row' },
      status: { category: 'licence.subscription', erase: 'delete-row' },
      entitlements: { category: 'licence.subscription', erase: 'delete-row' },
      subscription_status: { category: 'licence.subscription', erase: 'delete-row' },
      expires_at: { category: 'licence.subscription', erase: 'delete-row' },
      ended_at: notPersonal,
      created_at: notPersonal,
      updated_at: notPersonal,
    },
  },
  licence_machines: {
    subject: 'user_id',
    // A machine that stopped sending heartbeats starts its clock then: the retention engine removes it.
    retentionStart: 'last_heartbeat_at',
    description: 'The devices where you activated a licence: a keyed hash of the device identifier, its name, platform, app version and last heartbeat.',
    columns: {
      id: notPersonal,
      licence_id: notPersonal,
      user_id: { category: 'account.id', erase: 'keep-with-row' },
      fingerprint: { category: 'licence.activation', erase: 'delete-row', export: false },
      token_hash: { category: 'licence.activation', erase: 'delete-row', export: false },
      name: { category: 'licence.activation', erase: 'delete-row' },
      platform: { category: 'technical.device', erase: 'null' },
      app_version: { category: 'technical.software_version', erase: 'null' },
      last_heartbeat_at: notPersonal,
      created_at: notPersonal,
    },
  },
});
