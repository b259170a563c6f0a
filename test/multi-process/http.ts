import type pg from 'pg';

/** The link last mailed to `email`, read from the shared outbox (what the person would click). */
export function outboxLink(db: pg.Client) {
  return async (email: string) => {
    const mail = await db.query<{ body_text: string }>('select body_text from mail_outbox where to_address = $1 order by created_at desc limit 1', [email]);
    const link = /https?:\/\/\S+\?token=[\w%-]+/.exec(mail.rows[0]?.body_text ?? '')?.[0];
    if (!link) throw new Error(`no link mailed to ${email}`);
    return link;
  };
}

/** Polls `check` until it returns a value other than undefined (or the test's timeout ends it). */
export async function until<T>(check: () => Promise<T | undefined>, intervalMs = 200): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A signed-in browser's session that can be sent to any API process: the cookie and its CSRF token. */
export type Session = { cookie: string; csrf: string };

/** Signs up on `url`, confirms the address with the link `mailedLink` finds on `confirmUrl`, and signs in on `url`. */
export async function signUpAndIn(url: string, confirmUrl: string, email: string, password: string, mailedLink: (email: string) => Promise<string>): Promise<Session> {
  const policy = (await (await fetch(`${url}/privacy.json`)).json()) as { version: number; document_hash: string };
  const signUp = await fetch(`${url}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Scale Test', email, password, ageConfirmed: true, policy: { version: policy.version, hash: policy.document_hash, accepted: true } }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const token = new URL(await mailedLink(email)).searchParams.get('token');
  const confirmed = await fetch(`${confirmUrl}/api/auth/verify-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  if (!confirmed.ok) throw new Error(`verify-email answered ${confirmed.status}: ${await confirmed.text()}`);
  const signIn = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = (await (await fetch(`${url}/api/session/csrf-token`, { headers: { cookie } })).json()) as { token: string | null };
  return { cookie, csrf: csrf.token ?? '' };
}

export function send(url: string, session: Session, method: string, path: string, init: { json?: unknown; body?: Uint8Array; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf, ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${path}`, {
    method,
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    ...(init.body !== undefined ? { body: new Blob([new Uint8Array(init.body)]) } : {}),
  });
}

/** tus PATCH of one piece. */
export function tusPatch(url: string, session: Session, location: string, offset: number, bytes: Uint8Array) {
  return send(url, session, 'PATCH', location, {
    body: bytes,
    headers: { 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
  });
}
