import { randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import { hashToken } from '../../platform/crypto/index.js';
import { type Principal, type RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { type TActor } from '../../platform/unit-of-work/index.js';
import { signLink, verifyLink } from './link-signing.js';
import type { RightsDb, RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import * as store from './rights.store.js';
import type { RightsTables } from './rights.tables.js';

const LINK_PURPOSE = 'data-export-download';

/**
 * A download link is `<nonce>.<expiry>.<signature>`: the signature (keyed by the master key) covers
 * the export id, the nonce and the expiry, so a forged or altered link fails; the nonce's hash is
 * stored and cleared by the first download, so a replayed link fails too.
 */
function issueLink(deps: RightsDeps, exportId: string, now: Date) {
  const nonce = randomBytes(18).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.settings.exportLinkHours * 3600_000);
  const expiry = String(Math.floor(expiresAt.getTime() / 1000));
  const token = `${nonce}.${expiry}.${signLink(deps.fileVault.masterKeys(), LINK_PURPOSE, `${exportId}.${nonce}.${expiry}`)}`;
  return { token, nonceHash: hashToken(nonce), expiresAt };
}

export function downloadUrl(deps: RightsDeps, exportId: string, token: string) {
  return `${deps.publicUrl}/api/exports/${exportId}/download?token=${token}`;
}

/** Queues an export of `userId`'s data, asked for by `actor`, in the caller's transaction. */
export async function queueExport(trx: Transaction<RightsDb>, deps: RightsDeps, input: { userId: string; actor: TActor; requestId: string | null }) {
  const id = randomUUID();
  await trx
    .insertInto('data_exports')
    .values({ id, user_id: input.userId, requested_by: input.actor.id, status: 'queued', storage_key: `exports/${id}`, wrapped_key: null, size_bytes: null, sha256: null, link_nonce_hash: null, link_expires_at: null, created_at: deps.now(), completed_at: null, downloaded_at: null, error: null })
    .execute();
  await recordAudit(trx, deps, { actor: input.actor, action: 'rights.export_requested', subjectId: input.userId, target: { type: 'export', id }, requestId: input.requestId });
  await deps.jobs.send(deps.exportJob, { exportId: id }, { transaction: trx });
  return { id };
}

export async function requestMyExport(deps: RightsDeps, p: Principal, ctx: RequestContext) {
  return deps.db.transaction().execute((trx) => queueExport(trx, deps, { userId: p.userId, actor: { id: p.userId, role: p.role }, requestId: ctx.requestId }));
}

type ExportRow = Pick<RightsTables['data_exports'], 'id' | 'status' | 'size_bytes' | 'created_at' | 'completed_at' | 'downloaded_at'>;

/** An export as the API shows it (the shape of `ZDataExport`). */
export function presentExport(row: ExportRow) {
  return { id: row.id, status: row.status, sizeBytes: row.size_bytes, createdAt: row.created_at, completedAt: row.completed_at, downloadedAt: row.downloaded_at };
}

export async function listMyExports(deps: RightsDeps, p: Principal) {
  return (await store.listExports(deps.db, p.userId)).map(presentExport);
}

/** Who may hold an export's link: the person it is about, and whoever asked for it (their organisation admin). */
function mayDownload(row: { user_id: string; requested_by: string | null }, p: Principal) {
  return row.user_id === p.userId || row.requested_by === p.userId;
}

/** A fresh single-use link for a ready export (the previous one stops working). */
export async function issueDownloadLink(deps: RightsDeps, p: Principal, exportId: string, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('data_exports').selectAll().where('id', '=', exportId).forUpdate().executeTakeFirst();
    if (!row || !mayDownload(row, p)) throw rightsErrors.exportNotFound();
    if (row.status !== 'ready') throw rightsErrors.exportNotReady();
    const link = issueLink(deps, exportId, deps.now());
    await trx.updateTable('data_exports').set({ link_nonce_hash: link.nonceHash, link_expires_at: link.expiresAt }).where('id', '=', exportId).execute();
    await recordAudit(trx, deps, { actor: { id: p.userId, role: p.role }, action: 'rights.export_link_issued', subjectId: row.user_id, target: { type: 'export', id: exportId }, requestId: ctx.requestId });
    return { url: downloadUrl(deps, exportId, link.token), expiresAt: link.expiresAt };
  });
}

/**
 * Opens a download: checks the signature, the expiry and that the link was not used, consumes it,
 * and audits the download — in one transaction — before a byte is sent.
 */
export async function openExportDownload(deps: RightsDeps, p: Principal, exportId: string, token: string, ctx: RequestContext): Promise<{ body: Readable; size: number; name: string }> {
  const [nonce, expiry, signature] = token.split('.');
  if (!nonce || !expiry || !signature || !/^\d{1,12}$/.test(expiry) || !verifyLink(deps.fileVault.masterKeys(), LINK_PURPOSE, `${exportId}.${nonce}.${expiry}`, signature)) {
    throw rightsErrors.badExportLink();
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('data_exports').selectAll().where('id', '=', exportId).forUpdate().executeTakeFirst();
    if (!found || !mayDownload(found, p)) throw rightsErrors.exportNotFound();
    if (Number(expiry) * 1000 < deps.now().getTime() || found.link_nonce_hash !== hashToken(nonce)) throw rightsErrors.usedExportLink();
    if (found.status !== 'ready' || !found.wrapped_key) throw rightsErrors.exportNotReady();
    await trx.updateTable('data_exports').set({ link_nonce_hash: null, downloaded_at: deps.now() }).where('id', '=', exportId).execute();
    await recordAudit(trx, deps, {
      actor: { id: p.userId, role: p.role },
      action: found.user_id === p.userId ? 'rights.export_downloaded' : 'rights.export_downloaded_by_admin',
      subjectId: found.user_id,
      target: { type: 'export', id: exportId },
      requestId: ctx.requestId,
      details: { bytes: found.size_bytes },
    });
    return found;
  });
  const body = await deps.fileVault.vault().readFile(row.storage_key, row.wrapped_key!);
  return { body, size: row.size_bytes ?? 0, name: `my-data-${row.created_at.toISOString().slice(0, 10)}.zip` };
}

/** After the export is built: tell whoever asked, with a fresh link (the person is told too when an admin asked). */
export async function notifyExportReady(deps: RightsDeps, exportId: string) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('data_exports').selectAll().where('id', '=', exportId).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'ready' || row.link_nonce_hash) return [];
    const link = issueLink(deps, exportId, deps.now());
    await trx.updateTable('data_exports').set({ link_nonce_hash: link.nonceHash, link_expires_at: link.expiresAt }).where('id', '=', exportId).execute();
    const recipient = await store.findUser(trx, row.requested_by ?? row.user_id);
    if (!recipient) return [];
    const hours = deps.settings.exportLinkHours;
    const out = [
      await deps.mail.enqueue(trx, {
        to: recipient.email,
        userId: recipient.id,
        kind: 'rights.export_ready',
        subject: 'The data export you asked for is ready',
        text: `The export is ready. Download it within ${hours} hours (the link works once, and only while you are signed in):\n${downloadUrl(deps, exportId, link.token)}\n\nIf the link has expired, ask for a new one from the privacy page.`,
      }),
    ];
    return out;
  });
  for (const deliver of deliveries) await deliver();
}
