import { defineTables, notPersonal } from '../../platform/registry/index.js';

const credential = { category: 'credentials.password', erase: 'delete-row', export: false, onlyIfDeclared: true } as const;

export const accountsData = defineTables({
  users: {
    subject: 'id',
    retentionStart: 'last_active_at',
    // Rows about the person that name no clock of their own for this event follow this one (by their subject).
    retentionClocks: { account_closed: 'closed_at' },
    description: 'Your account: who you are and how to reach you.',
    columns: {
      id: { category: 'account.id', erase: 'delete-row' },
      email: { category: 'contact.email', erase: 'delete-row' },
      email_verified_at: { category: 'contact.email', erase: 'delete-row' },
      password_hash: credential,
      name: { category: 'contact.name', erase: 'delete-row', onlyIfDeclared: true },
      phone: { category: 'contact.phone', erase: 'delete-row', onlyIfDeclared: true },
      company: { category: 'account.company', erase: 'delete-row', onlyIfDeclared: true },
      job_title: { category: 'account.job_title', erase: 'delete-row', onlyIfDeclared: true },
      role: notPersonal,
      status: notPersonal,
      age_attested_at: { category: 'age.attestation', erase: 'delete-row' },
      attested_minimum_age: { category: 'age.attestation', erase: 'delete-row' },
      created_at: { category: 'account.id', erase: 'delete-row' },
      last_active_at: { category: 'usage.activity', erase: 'delete-row' },
      password_changed_at: { ...credential },
      password_must_change: { ...credential },
      closed_at: { category: 'account.id', erase: 'delete-row' },
      // A count of changes, so that no process serves a session after it ended.
      sessions_version: notPersonal,
    },
  },
  sessions: {
    subject: 'user_id',
    retentionStart: 'last_seen_at',
    description: 'The devices and browsers signed in to your account.',
    columns: {
      id: notPersonal,
      token_hash: { category: 'credentials.session', erase: 'delete-row', export: false },
      user_id: { category: 'account.id', erase: 'delete-row' },
      created_at: { category: 'technical.device', erase: 'delete-row' },
      last_seen_at: { category: 'technical.device', erase: 'delete-row' },
      expires_at: notPersonal,
      revoked_at: notPersonal,
      user_agent: { category: 'technical.device', erase: 'delete-row', onlyIfDeclared: true },
      device_label: { category: 'technical.device', erase: 'delete-row', onlyIfDeclared: true },
      ip: { category: 'technical.ip', erase: 'delete-row', onlyIfDeclared: true },
    },
  },
  user_devices: {
    subject: 'user_id',
    retentionStart: 'first_seen_at',
    description: 'Devices you signed in from, so we can warn you about a new one.',
    columns: {
      user_id: { category: 'account.id', erase: 'delete-row' },
      device_hash: { category: 'technical.device', erase: 'delete-row' },
      first_seen_at: { category: 'technical.device', erase: 'delete-row' },
    },
  },
  email_tokens: {
    subject: 'user_id',
    retentionStart: 'created_at',
    description: 'Links we e-mailed you to confirm an address, reset a password or sign in.',
    columns: {
      token_hash: { category: 'credentials.session', erase: 'delete-row', export: false },
      user_id: { category: 'account.id', erase: 'delete-row' },
      purpose: notPersonal,
      new_email: { category: 'contact.email', erase: 'delete-row' },
      created_at: notPersonal,
      expires_at: notPersonal,
      used_at: notPersonal,
    },
  },
  signin_throttle: {
    subject: null,
    retentionStart: 'window_started_at',
    description: 'Counts of failed sign-ins per address (kept as a one-way hash) to stop password guessing.',
    columns: {
      email_hash: { category: 'credentials.throttle', erase: 'delete-row', export: false },
      failures: notPersonal,
      window_started_at: notPersonal,
      locked_until: notPersonal,
    },
  },
});
