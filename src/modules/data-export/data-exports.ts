import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { hashToken, signLink, verifyLink } from '../../platform/crypto/index.js';
import { type Principal, type RequestContext } from '../../platform/http/index.js';
import { byPrincipal, SYSTEM_ACTOR, tablesOf, type TActor, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import type { DataExportBaseDeps, DataExportDeps } from './data-export.deps.js';
import { dataExportErrors } from './data-export.errors.js';
import * as store from './data-export.store.js';
import type { DataExportTables, ExportRow } from './data-export.tables.js';
import { dataExportMails } from './data-export.mails.js';

const LINK_PURPOSE = 'data-export-download';
const tables = (work: Work) => tablesOf<DataExportTables>(work);

/**
 * A download link is `<nonce>.<expiry>.<signature>`: the signature (keyed by the master key) covers
 * the export id, the nonce and the expiry, so a forged or altered link fails; the nonce's hash is
 * stored and cleared by the first download, so a replayed link fails too.
 */
function issueLink(deps: DataExportBaseDeps, exportId: string, now: Date) {
  const nonce = randomBytes(18).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.settings.exportLinkHours * 3600_000);
  const expiry = String(Math.floor(expiresAt.getTime() / 1000));
  const token = `${nonce}.${expiry}.${signLink(deps.fileVault.masterKeys(), LINK_PURPOSE, `${exportId}.${nonce}.${expiry}`)}`;
  return { token, nonceHash: hashToken(nonce), expiresAt };
}

export function downloadUrl(deps: Pick<DataExportBaseDeps, 'publicUrl'>, exportId: string, token: string) {
  return `${deps.publicUrl}/api/exports/${exportId}/download?token=${token}`;
}

/** The web page a mailed link opens (sign in, see the export, then download): the same token, kept in the query. */
export function exportPageUrl(deps: Pick<DataExportBaseDeps, 'publicUrl'>, exportId: string, token: string) {
  return `${deps.publicUrl}${exportPagePath(exportId, token)}`;
}

export function exportPagePath(exportId: string, token: string) {
  return `/account/exports/${exportId}?token=${encodeURIComponent(token)}`;
}

/** The token's parts once its signature is checked; a forged or altered token is refused here. */
function verifiedToken(deps: DataExportBaseDeps, exportId: string, token: string) {
  const [nonce, expiry, signature] = token.split('.');
  if (!nonce || !expiry || !signature || !/^\d{1,12}$/.test(expiry) || !verifyLink(deps.fileVault.masterKeys(), LINK_PURPOSE, `${exportId}.${nonce}.${expiry}`, signature)) {
    throw dataExportErrors.badExportLink();
  }
  return { nonce, expiresAt: new Date(Number(expiry) * 1000) };
}

/** Whether `p` may still use the link on `found`: theirs, not expired, not replaced or used, and the export ready. */
function checkLink(deps: DataExportBaseDeps, found: ExportRow | undefined, p: Principal, link: { nonce: string; expiresAt: Date }): asserts found is ExportRow & { wrapped_key: string } {
  if (!found || !mayDownload(found, p)) throw dataExportErrors.exportNotFound();
  if (link.expiresAt.getTime() < deps.now().getTime() || found.link_nonce_hash !== hashToken(link.nonce)) throw dataExportErrors.usedExportLink();
  if (found.status !== 'ready' || !found.wrapped_key) throw dataExportErrors.exportNotReady();
}

/**
 * For other modules, in their work: queues an export of `userId`'s data. `actor` is who asked, when
 * the audit entry must name someone else than the work's actor (an organisation admin's role, say).
 */
export async function queueExport(deps: DataExportDeps, work: Work, input: { userId: string; actor?: TActor }) {
  const id = randomUUID();
  await store.insertExport(tables(work), {
    id,
    user_id: input.userId,
    requested_by: (input.actor ?? work.actor).id,
    status: 'queued',
    storage_key: `exports/${id}`,
    wrapped_key: null,
    size_bytes: null,
    sha256: null,
    link_nonce_hash: null,
    link_expires_at: null,
    created_at: deps.now(),
    completed_at: null,
    downloaded_at: null,
    error: null,
  });
  await work.audit({ ...(input.actor ? { actor: input.actor } : {}), action: 'rights.export_requested', subjectId: input.userId, target: { type: 'export', id } });
  await work.enqueue(deps.exportJob, { exportId: id });
  return { id };
}

export async function requestMyExport(deps: DataExportDeps, p: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), (work) => queueExport(deps, work, { userId: p.userId }));
}

type PresentedRow = Pick<ExportRow, 'id' | 'status' | 'size_bytes' | 'created_at' | 'completed_at' | 'downloaded_at'>;

/** An export as the API shows it (the shape of `ZDataExport`). */
export function presentExport(row: PresentedRow) {
  return { id: row.id, status: row.status, sizeBytes: row.size_bytes, createdAt: row.created_at, completedAt: row.completed_at, downloadedAt: row.downloaded_at };
}

export async function listMyExports(deps: DataExportBaseDeps, p: Principal) {
  return (await store.listExports(deps.db, p.userId)).map(presentExport);
}

/** For other modules, in their work: the person's latest exports, newest first (their privacy dashboard). */
export async function listExportsOf(work: Work, userId: string) {
  return store.listExports(tables(work), userId);
}

/** For other modules, in their work: the exports `requestedBy` asked for about any of `userIds`, as the API shows them. */
export async function listExportsRequestedBy(work: Work, requestedBy: string, userIds: readonly string[]) {
  return (await store.listExportsRequestedBy(tables(work), requestedBy, userIds)).map((row) => ({ ...presentExport(row), userId: row.user_id }));
}

/** Who may hold an export's link: the person it is about, and whoever asked for it (their organisation admin). */
function mayDownload(row: { user_id: string; requested_by: string | null }, p: Principal) {
  return row.user_id === p.userId || row.requested_by === p.userId;
}

/** A fresh single-use link for a ready export (the previous one stops working). */
export async function issueDownloadLink(deps: DataExportBaseDeps, p: Principal, exportId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tables(work);
    const row = await store.findExport(db, exportId, { lock: true });
    if (!row || !mayDownload(row, p)) throw dataExportErrors.exportNotFound();
    if (row.status !== 'ready') throw dataExportErrors.exportNotReady();
    const link = issueLink(deps, exportId, deps.now());
    await store.setLink(db, exportId, link.nonceHash, link.expiresAt);
    await work.audit({ action: 'rights.export_link_issued', subjectId: row.user_id, target: { type: 'export', id: exportId } });
    return { url: downloadUrl(deps, exportId, link.token), expiresAt: link.expiresAt };
  });
}

/**
 * Opens a download: checks the signature, the expiry and that the link was not used, consumes it,
 * and audits the download — in one transaction — before a byte is sent.
 */
export async function openExportDownload(deps: DataExportBaseDeps, p: Principal, exportId: string, token: string, ctx: RequestContext): Promise<{ body: Readable; size: number; name: string }> {
  const link = verifiedToken(deps, exportId, token);
  const row = await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tables(work);
    const found = await store.findExport(db, exportId, { lock: true });
    checkLink(deps, found, p, link);
    await store.consumeLink(db, exportId, deps.now());
    await work.audit({
      action: found.user_id === p.userId ? 'rights.export_downloaded' : 'rights.export_downloaded_by_admin',
      subjectId: found.user_id,
      target: { type: 'export', id: exportId },
      details: { bytes: found.size_bytes },
    });
    return found;
  });
  const body = await deps.fileVault.vault().readFile(row.storage_key, row.wrapped_key);
  return { body, size: row.size_bytes ?? 0, name: `my-data-${row.created_at.toISOString().slice(0, 10)}.zip` };
}

/**
 * What the page a mailed link opens shows before the download: the export and until when its link
 * works. The same checks as the download (owner's session, signature, expiry, unused), consuming nothing.
 */
export async function describeExportLink(deps: DataExportBaseDeps, p: Principal, exportId: string, token: string) {
  const link = verifiedToken(deps, exportId, token);
  const found = await store.findExport(deps.db, exportId);
  checkLink(deps, found, p, link);
  return { ...presentExport(found), linkExpiresAt: link.expiresAt };
}

/** After the export is built: tell whoever asked, with a fresh link (the person is told too when an admin asked). */
export async function notifyExportReady(deps: DataExportBaseDeps, exportId: string) {
  await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tables(work);
    const row = await store.findExport(db, exportId, { lock: true });
    if (!row || row.status !== 'ready' || row.link_nonce_hash) return;
    const link = issueLink(deps, exportId, deps.now());
    await store.setLink(db, exportId, link.nonceHash, link.expiresAt);
    const recipient = await findUserContact(work, row.requested_by ?? row.user_id);
    if (!recipient) return;
    const hours = deps.settings.exportLinkHours;
    await work.mail({ to: recipient.email, userId: recipient.id, ...dataExportMails.ready(hours, exportPageUrl(deps, exportId, link.token)) });
  });
}
