import { apiClient, body } from './api/client.js';
import type { ResponseOf } from './api/types.js';
import { sameOriginPath } from './same-origin.js';

/** A data export's state, as `/api/me/exports` and an organisation's member-rights list give it. */
export type ExportStatus = ResponseOf<'/api/me/exports'>['exports'][number]['status'];

/** An export still being made: its page follows it until it is ready or failed. */
export function isExportPending(status: ExportStatus): boolean {
  return status === 'queued' || status === 'building';
}

export const EXPORT_STATUS_WORDS: Record<ExportStatus, string> = {
  queued: 'Waiting to start',
  building: 'Being prepared',
  ready: 'Ready',
  failed: 'Failed',
  expired: 'Expired',
};

export const EXPORT_STATUS_BADGE: Record<ExportStatus, string> = { queued: '', building: '', ready: 'badge-ok', failed: 'badge-danger', expired: 'badge-warn' };

/** Asks for a fresh single-use link to a ready export (the person's own, or one they asked for) and follows it: the browser downloads the ZIP. */
export async function downloadExport(exportId: string): Promise<void> {
  const link = await body(apiClient.POST('/api/exports/{id}/link', { params: { path: { id: exportId } } }));
  window.location.assign(sameOriginPath(link.url));
}

/** Follows a single-use link the person already holds (the one mailed to them): the browser downloads the ZIP. */
export function downloadExportWithToken(exportId: string, token: string): void {
  window.location.assign(`/api/exports/${encodeURIComponent(exportId)}/download?token=${encodeURIComponent(token)}`);
}
