/**
 * A small client for the desktop licensing API (Keygen's names where they fit). It uses the global
 * fetch of Node 20 / Electron; pass `fetch` to use another. The licence key is sent only in the
 * Authorization header; nothing but the fields below is ever sent (the server refuses anything more).
 */
export type ValidationCode =
  | 'VALID'
  | 'NOT_FOUND'
  | 'SUSPENDED'
  | 'EXPIRED'
  | 'REVOKED'
  | 'TOO_MANY_MACHINES'
  | 'NO_MACHINE'
  | 'FINGERPRINT_SCOPE_MISMATCH'
  | 'HEARTBEAT_DEAD'
  | 'PRODUCT_SCOPE_MISMATCH'
  | 'USER_SCOPE_MISMATCH';

export type Validation = { valid: boolean; code: ValidationCode; detail: string; licence: Record<string, unknown> | null };
export type Machine = { id: string; name: string | null; platform: string | null; lastHeartbeat: string; nextHeartbeat: string | null; heartbeatStatus: 'ALIVE' | 'DEAD' | 'NOT_REQUIRED' };
export type Upgrade = { current: string; next: { id: string; version: string; channel: string; platform: string; notes: string; publishedAt: string; download: { url: string; expiresAt: string } } | null };
export type CheckedOutFile = { certificate: string; algorithm: string; issued: string; expiry: string; ttl: number; keyId: string };
export type PublicKeys = { algorithm: 'ed25519'; keyId: string; publicKey: string; pem: string; previous: Array<{ keyId: string; publicKey: string; retiredAt: string }> };

/** A refusal from the server: the HTTP status, its problem code and, for licence states, the Keygen-like code. */
export class LicensingApiError extends Error {
  override readonly name = 'LicensingApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly licensingCode: string | null,
    detail: string,
  ) {
    super(detail);
  }
}

export type LicensingClientOptions = {
  /** The installation's address, e.g. https://licensing.example.com */
  baseUrl: string;
  licenceKey: string;
  /** A machine token from an earlier activation, kept by the app. */
  machineToken?: string;
  fetch?: typeof fetch;
};

export type HeartbeatLoop = {
  /** Sends one heartbeat now (the loop keeps its own schedule). */
  beatNow(): Promise<Machine>;
  stop(): void;
  readonly running: boolean;
};

const PREFIX = '/api/desktop/v1';

export function createLicensingClient(options: LicensingClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  let machineToken = options.machineToken ?? null;

  async function call<T>(method: string, path: string, opts: { body?: unknown; auth?: 'licence' | 'machine' | 'none' } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const auth = opts.auth ?? 'licence';
    if (auth === 'machine' && machineToken) headers.authorization = `Bearer ${machineToken}`;
    else if (auth !== 'none') headers.authorization = `License ${options.licenceKey}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${base}${PREFIX}${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
    if (res.status === 204) return undefined as T;
    const json = (await res.json()) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    if (!res.ok) throw new LicensingApiError(res.status, text(json.code) ?? 'error', text(json.licensingCode), text(json.detail) ?? res.statusText);
    return json as T;
  }

  const ping = (machineId: string) => call<Machine>('POST', `/machines/${encodeURIComponent(machineId)}/actions/ping`, { auth: 'machine' });

  return {
    get machineToken() {
      return machineToken;
    },

    /** Keygen's validate-key, scoped to this machine's fingerprint, the product and/or the user. */
    async validate(scope: { fingerprint?: string; product?: string; user?: string } = {}): Promise<Validation> {
      const body = { key: options.licenceKey, ...(scope.fingerprint || scope.product || scope.user ? { scope } : {}) };
      const res = await call<{ meta: { valid: boolean; code: ValidationCode; detail: string }; data: Record<string, unknown> | null }>('POST', '/licenses/actions/validate-key', { body, auth: 'none' });
      return { valid: res.meta.valid, code: res.meta.code, detail: res.meta.detail, licence: res.data };
    },

    /**
     * Activates this machine; keeps the machine token for the calls that follow (store it yourself too).
     * `user` (account id or e-mail) names the seat holder on an organisation's licence (Keygen's user scope).
     */
    async activate(machine: { fingerprint: string; name?: string; platform?: string; version?: string; user?: string }): Promise<Machine> {
      const res = await call<{ machine: Machine; token: string }>('POST', '/machines', { body: machine });
      machineToken = res.token;
      return res.machine;
    },

    async deactivate(machineId: string): Promise<void> {
      await call<void>('DELETE', `/machines/${encodeURIComponent(machineId)}`, { auth: machineToken ? 'machine' : 'licence' });
    },

    ping,

    /**
     * Pings every `intervalMs` (choose less than the policy's heartbeat duration) until stopped. A failed
     * ping goes to `onError`; after HEARTBEAT_DEAD the loop stops, since only a new activation helps.
     */
    startHeartbeat(machineId: string, opts: { intervalMs: number; onBeat?: (m: Machine) => void; onError?: (e: unknown) => void }): HeartbeatLoop {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let running = true;
      const beat = async () => {
        try {
          const m = await ping(machineId);
          opts.onBeat?.(m);
          return m;
        } catch (error) {
          if (error instanceof LicensingApiError && error.licensingCode === 'HEARTBEAT_DEAD') loop.stop();
          opts.onError?.(error);
          throw error;
        }
      };
      const schedule = () => {
        if (!running) return;
        timer = setTimeout(() => {
          beat().then(schedule, schedule);
        }, opts.intervalMs);
        // The loop must not keep a closing app alive.
        (timer as { unref?: () => void }).unref?.();
      };
      const loop: HeartbeatLoop = {
        beatNow: beat,
        stop: () => {
          running = false;
          if (timer) clearTimeout(timer);
          timer = null;
        },
        get running() {
          return running;
        },
      };
      schedule();
      return loop;
    },

    /** A signed licence file for offline use (encrypted with the licence key unless `encrypt: false`). */
    async checkOut(machineId: string, opts: { encrypt?: boolean } = {}): Promise<CheckedOutFile> {
      return call<CheckedOutFile>('POST', `/machines/${encodeURIComponent(machineId)}/actions/check-out`, { body: opts, auth: machineToken ? 'machine' : 'licence' });
    },

    async publicKey(): Promise<PublicKeys> {
      return call<PublicKeys>('GET', '/public-key', { auth: 'none' });
    },

    /** The newest release newer than `version` for the platform and channel, or null. */
    async checkForUpdate(query: { version: string; platform: string; channel?: 'stable' | 'rc' | 'beta' | 'alpha' | 'dev' }): Promise<Upgrade> {
      const params = new URLSearchParams({ version: query.version, platform: query.platform, ...(query.channel ? { channel: query.channel } : {}) });
      return call<Upgrade>('GET', `/releases/actions/upgrade?${params.toString()}`, { auth: machineToken ? 'machine' : 'licence' });
    },
  };
}

export type LicensingClient = ReturnType<typeof createLicensingClient>;
