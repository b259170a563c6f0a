import type { Role } from '../../platform/http/index.js';

export interface AccountsTables {
  users: {
    id: string;
    email: string;
    email_verified_at: Date | null;
    /** Null when the account has no password: the policy did not declare passwords when it was made. */
    password_hash: string | null;
    name: string;
    phone: string | null;
    company: string | null;
    job_title: string | null;
    role: Role;
    /** `closed`: the person closed it; it stays archived for the manifest's `account_closed` period, then is erased. */
    status: 'active' | 'suspended' | 'closed';
    age_attested_at: Date;
    attested_minimum_age: number;
    created_at: Date;
    last_active_at: Date;
    password_changed_at: Date | null;
    /** The password was generated or chosen by someone else: the owner must replace it before anything else. */
    password_must_change: boolean;
    /** When the person closed the account: the clock of the manifest's `account_closed` rules. */
    closed_at: Date | null;
    /** Moved by a trigger on every change that could end its sessions or change what they are told (session-cache.ts). */
    sessions_version: string;
  };
  sessions: {
    id: string;
    token_hash: string;
    user_id: string;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
    user_agent: string | null;
    device_label: string | null;
    ip: string | null;
  };
  user_devices: { user_id: string; device_hash: string; first_seen_at: Date };
  email_tokens: {
    token_hash: string;
    user_id: string;
    purpose: 'verify_email' | 'reset_password' | 'change_email' | 'sign_in';
    new_email: string | null;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
  };
  signin_throttle: { email_hash: string; failures: number; window_started_at: Date; locked_until: Date | null };
  /** Moved by every change that could end a session or change what it is told of its account (triggers). */
}

export type UserRow = AccountsTables['users'];
export type SessionRow = AccountsTables['sessions'];
