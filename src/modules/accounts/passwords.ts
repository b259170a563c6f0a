import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline (m=19 MiB, t=2, p=1). @node-rs/argon2 ships its binary in a registry
 * package; the `argon2` package's prebuilt binary crashes (SIGSEGV) on this platform's Node 20.
 */
// `algorithm: 2` is Algorithm.Argon2id; the enum is an ambient const enum, unusable under verbatimModuleSyntax.
const OPTIONS = { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A real hash of a random password, verified against when the e-mail is unknown, so an unknown
 * address costs the same time as a wrong password.
 */
export function createDummyHash(): Promise<string> {
  return hashPassword(`dummy-${Math.random()}-${Date.now()}`);
}
