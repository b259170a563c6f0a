import { defineTables, notPersonal } from '../../platform/registry/index.js';

/**
 * What licensing stores about people: their licences and the machines they activated. Products,
 * policies, releases and signing keys are about no one. The machine identifier the desktop app sends
 * is stored as a keyed hash (HMAC under a key derived from the master keys), as sent only where the
 * manifest declares the raw id.
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
      // Null for an organisation's licence: that row is about the organisation, its seats about members.
      user_id: { category: 'account.id', erase: 'keep-with-row' },
      org_id: notPersonal,
      max_users: notPersonal,
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
  licence_users: {
    subject: 'user_id',
    retentionStart: 'assigned_at',
    // A seat follows its licence: its clock for the licence's end is the licence's.
    retentionClocks: { subscription_ended: { via: 'licence_id' } },
    description: "The seats of your organisation's licences you hold: which licence, and since when.",
    columns: {
      licence_id: { category: 'licence.subscription', erase: 'delete-row' },
      user_id: { category: 'account.id', erase: 'delete-row' },
      assigned_at: { category: 'licence.subscription', erase: 'delete-row' },
    },
  },
  licence_machines: {
    subject: 'user_id',
    // A machine that stopped sending heartbeats starts its clock then: the retention engine removes it.
    retentionStart: 'last_heartbeat_at',
    description: 'The devices where you activated a licence: the device identifier (a keyed hash of it, unless our policy says we keep it as sent), its name, platform, app version and last heartbeat.',
    columns: {
      id: notPersonal,
      licence_id: notPersonal,
      user_id: { category: 'account.id', erase: 'keep-with-row' },
      fingerprint: { category: 'licence.activation', erase: 'delete-row', export: false },
      // Only where the manifest declares the raw id (`device_identifier: raw`); the keyed hash otherwise.
      device_id: { category: 'licence.activation', erase: 'delete-row' },
      token_hash: { category: 'licence.activation', erase: 'delete-row', export: false },
      name: { category: 'licence.activation', erase: 'delete-row' },
      platform: { category: 'technical.device', erase: 'null' },
      app_version: { category: 'technical.software_version', erase: 'null' },
      last_heartbeat_at: notPersonal,
      created_at: notPersonal,
    },
  },
});
