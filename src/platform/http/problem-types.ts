import { AppError } from '../errors/index.js';

/**
 * Every problem `code` Meshvault answers with, and what a person reading `type` should learn. RFC 9457
 * wants `type` to be a URI that, dereferenced, documents the problem: it is `<publicUrl>/problems/<code>`,
 * and that address answers the short page built from this table.
 */
export type ProblemType = { status: number; title: string; meaning: string; whatToDo: string };

export const PROBLEM_TYPES = {
  bad_request: {
    status: 400,
    title: 'Bad request',
    meaning: 'The request was not understood: a field is missing or malformed, a value is out of range, or the address itself is not a valid URL.',
    whatToDo: 'Read `detail` (and `errors`, which names each field) and send the request again with those corrected.',
  },
  unauthenticated: {
    status: 401,
    title: 'Sign-in required',
    meaning: 'This needs a signed-in session, and the request carried none, or one that has ended.',
    whatToDo: 'Sign in again, then repeat the request.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    meaning: 'You are signed in, but your account may not do this (its role, its state, or a missing CSRF token).',
    whatToDo: 'Reload the page and try again; if it keeps happening, ask an administrator whether your account should be allowed to.',
  },
  not_found: {
    status: 404,
    title: 'Not found',
    meaning: 'There is nothing at this address, or nothing you may see.',
    whatToDo: 'Check the address; a link may have expired or the item may have been deleted.',
  },
  feature_off: {
    status: 404,
    title: 'Switched off by the privacy policy',
    meaning: "This installation's published privacy policy does not declare the personal data this feature collects, so the feature is off: it cannot be used, and nothing of the kind is stored.",
    whatToDo: 'Read `missingCategories`: an operator who wants the feature publishes a policy that declares them (meshvault privacy publish FILE).',
  },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    meaning: 'The address exists, but does not accept this HTTP method.',
    whatToDo: 'Use one of the methods the `Allow` header lists.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    meaning: 'The request clashes with the current state: something already exists, or changed meanwhile.',
    whatToDo: 'Reload to see the current state, then decide whether to try again.',
  },
  gone: {
    status: 410,
    title: 'Gone',
    meaning: 'This existed but has expired or been removed for good (for example a used or expired link).',
    whatToDo: 'Ask for a new link or start the action again.',
  },
  request_timeout: {
    status: 408,
    title: 'Request timeout',
    meaning: 'The request did not arrive completely in time.',
    whatToDo: 'Check your connection and send it again.',
  },
  precondition_failed: {
    status: 412,
    title: 'Precondition failed',
    meaning: 'A header the protocol requires is missing or has an unsupported value (for uploads: Tus-Resumable).',
    whatToDo: 'Send the header `detail` names; an up-to-date upload client does this by itself.',
  },
  payload_too_large: {
    status: 413,
    title: 'Too large',
    meaning: 'The request body is larger than this installation accepts.',
    whatToDo: 'Send something smaller; for files, the upload limits are shown where you upload.',
  },
  uri_too_long: {
    status: 414,
    title: 'Address too long',
    meaning: 'A part of the address is longer than any valid identifier.',
    whatToDo: 'Check the address; it was probably pasted wrongly or built by a faulty client.',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    meaning: 'The body was sent in a format this address does not read.',
    whatToDo: 'Send JSON (`Content-Type: application/json`), or the format `detail` names.',
  },
  unprocessable: {
    status: 422,
    title: 'Unprocessable content',
    meaning: 'The request is well-formed, but what it asks cannot be done with this content.',
    whatToDo: 'Read `detail`: it says what to change.',
  },
  checksum_mismatch: {
    status: 460,
    title: 'Checksum mismatch',
    meaning: 'A piece of an upload did not match the checksum sent with it (tus `Upload-Checksum`): it was damaged on the way, and nothing of it was kept.',
    whatToDo: 'Send the piece again from the same offset; an upload client does this by itself.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    meaning: 'Too many requests of this kind came from you in a short time.',
    whatToDo: 'Wait a little (the `Retry-After` header says how long, when present) and try again.',
  },
  request_header_fields_too_large: {
    status: 431,
    title: 'Headers too large',
    meaning: 'The request headers (often its cookies) are larger than the server accepts.',
    whatToDo: "Clear this site's cookies in your browser, then try again.",
  },
  internal: {
    status: 500,
    title: 'Internal error',
    meaning: 'Something went wrong on our side. It has been logged with the request id.',
    whatToDo: 'Try again in a moment; if it persists, give the operator the `requestId` of the answer.',
  },
  unavailable: {
    status: 503,
    title: 'Unavailable',
    meaning: 'The service cannot do this right now (it may be starting, stopping or overloaded).',
    whatToDo: 'Try again in a moment.',
  },
} as const satisfies Record<string, ProblemType>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_TYPES, code);
}

/** The title for a code; a code outside the table falls back to its status' usual title. */
export function problemTitle(code: string, status: number): string {
  if (isProblemCode(code)) return PROBLEM_TYPES[code].title;
  return Object.values(PROBLEM_TYPES).find((t) => t.status === status)?.title ?? 'Error';
}

export function problemTypeUri(publicUrl: string, code: string): string {
  return `${publicUrl}/problems/${encodeURIComponent(code)}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const inlineCode = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');

/** The page a problem's `type` points to (`GET /problems/:code`); a code not in the table is a 404 problem. */
export function problemPage(code: string): string {
  if (!isProblemCode(code)) throw new AppError('not_found', 'There is no problem type of that name.');
  const t: ProblemType = PROBLEM_TYPES[code];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} (${t.status})</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}code{background:#f2f2f2;padding:0 .2em}</style>
</head><body>
<h1>${escapeHtml(t.title)}</h1>
<p>HTTP status <strong>${t.status}</strong> · problem code <code>${escapeHtml(code)}</code></p>
<h2>What it means</h2><p>${inlineCode(t.meaning)}</p>
<h2>What to do</h2><p>${inlineCode(t.whatToDo)}</p>
</body></html>
`;
}
