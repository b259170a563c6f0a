import type { FilesDeps } from './files.deps.js';

const DAY_MS = 86_400_000;

/** How long an unfinished upload is kept (configuration: MESHVAULT_UPLOAD_ABANDON_DAYS) before abandoned-uploads.ts discards it. */
export function abandonAfterMs(deps: Pick<FilesDeps, 'limits'>): number {
  return deps.limits.abandonAfterDays * DAY_MS;
}

/** tus `Upload-Expires`: when an upload started at `createdAt` is discarded if it has not finished by then. */
export function uploadExpiresAt(deps: Pick<FilesDeps, 'limits'>, createdAt: Date): Date {
  return new Date(createdAt.getTime() + abandonAfterMs(deps));
}
