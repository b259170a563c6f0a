import type { ColumnType, JSONColumnType, Selectable } from 'kysely';

export type LicenceStatus = 'active' | 'suspended' | 'expired' | 'revoked';
export type ReleaseChannel = 'stable' | 'rc' | 'beta' | 'alpha' | 'dev';

export interface LicensingTables {
  licensing_products: { id: string; code: string; name: string; created_at: Date };
  licensing_policies: {
    id: string;
    product_id: string;
    name: string;
    duration_seconds: number | null;
    max_machines: number;
    floating: boolean;
    require_heartbeat: boolean;
    heartbeat_seconds: number;
    offline_allowed: boolean;
    file_ttl_seconds: number;
    created_at: Date;
  };
  licences: {
    id: string;
    policy_id: string;
    /** The person who owns it; null for an organisation's licence (then `org_id` and `max_users`). */
    user_id: string | null;
    org_id: string | null;
    /** Keygen's `maxUsers`: the seats of an organisation's licence. */
    max_users: number | null;
    key: string;
    status: LicenceStatus;
    entitlements: JSONColumnType<string[], string, string>;
    subscription_status: string | null;
    expires_at: Date | null;
    ended_at: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  licence_machines: {
    id: string;
    licence_id: string;
    user_id: string;
    /** The keyed hash of the device identifier, or null where the manifest declares the raw id. */
    fingerprint: string | null;
    /** The device identifier as sent, only where the manifest declares the raw id. */
    device_id: string | null;
    token_hash: string;
    name: string | null;
    platform: string | null;
    app_version: string | null;
    last_heartbeat_at: Date;
    created_at: Date;
  };
  /** Keygen's licence users: the members of an organisation who hold a seat of its licence. */
  licence_users: { licence_id: string; user_id: string; assigned_at: Date };
  licensing_releases: {
    id: string;
    product_id: string;
    version: string;
    channel: ReleaseChannel;
    platform: string;
    notes: ColumnType<string, string | undefined, string>;
    artifact_url: string;
    published_at: Date;
  };
  licensing_signing_keys: { id: string; public_key: string; private_key_wrapped: string; created_at: Date; retired_at: Date | null };
}

export type LicenceRow = Selectable<LicensingTables['licences']>;
export type PolicyRow = Selectable<LicensingTables['licensing_policies']>;
export type MachineRow = Selectable<LicensingTables['licence_machines']>;
export type ReleaseRow = Selectable<LicensingTables['licensing_releases']>;
export type SeatRow = Selectable<LicensingTables['licence_users']>;
export type ProductRow = Selectable<LicensingTables['licensing_products']>;
