import { isSealedSecret } from '../../platform/crypto/index.js';
import type { IntegrationsDeps } from './integrations.deps.js';
import type { TCredential } from './integrations.schema.js';
import type { ConnectionRow } from './integrations.tables.js';

const HINT_LENGTH = 4;

type CredentialColumns = Pick<ConnectionRow, 'credential_scheme' | 'credential_header' | 'credential_sealed' | 'credential_hint'>;

/** No credential: what a removal and a disconnect write. */
export const NO_CREDENTIAL: CredentialColumns = { credential_scheme: null, credential_header: null, credential_sealed: null, credential_hint: null };

/** A credential as it is stored: sealed under the master key, with its last characters as a hint. */
export function sealCredential(deps: Pick<IntegrationsDeps, 'credentials'>, credential: TCredential): CredentialColumns {
  return {
    credential_scheme: credential.scheme,
    credential_header: credential.scheme === 'header' ? credential.header! : null,
    credential_sealed: deps.credentials.seal(credential.value),
    credential_hint: `…${credential.value.slice(-HINT_LENGTH)}`,
  };
}

/** The header a delivery calls the connector's system with, opened just for it; none without a credential. */
export function credentialHeaders(deps: Pick<IntegrationsDeps, 'credentials'>, connection: CredentialColumns): Record<string, string> {
  if (!connection.credential_sealed || !connection.credential_scheme) return {};
  const value = deps.credentials.open(connection.credential_sealed);
  return connection.credential_scheme === 'bearer' ? { authorization: `Bearer ${value}` } : { [connection.credential_header!.toLowerCase()]: value };
}

/**
 * A connection's webhook signing secret, opened for a delivery. It is stored sealed like a credential;
 * one stored before secrets were sealed is read as it is, until a key rotation seals it.
 */
export function signingSecretOf(deps: Pick<IntegrationsDeps, 'credentials'>, stored: string): string {
  return isSealedSecret(stored) ? deps.credentials.open(stored) : stored;
}
