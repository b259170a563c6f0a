import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import type { TAttachmentInput } from './support.schema.js';
import * as store from './support.store.js';
import type { AttachmentRow, SupportTables } from './support.tables.js';

export type IncomingFile = { name: string; contentType: string; bytes: Buffer };

/** Decodes and checks a form's attachments against the configured limits before anything is stored. */
export function decodeAttachments(deps: Pick<SupportDeps, 'settings'>, inputs: TAttachmentInput[] | undefined): IncomingFile[] {
  const list = inputs ?? [];
  if (list.length > deps.settings.attachmentMaxCount) throw supportErrors.tooManyAttachments(deps.settings.attachmentMaxCount);
  return list.map((a) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.data)) throw supportErrors.badAttachment();
    const bytes = Buffer.from(a.data, 'base64');
    if (bytes.length > deps.settings.attachmentMaxBytes) throw supportErrors.attachmentTooLarge(a.name, deps.settings.attachmentMaxBytes);
    return { name: a.name, contentType: a.contentType, bytes };
  });
}

/** Objects are named by id, never by the sender's file name. */
const storageKeyFor = (id: string) => `support/${id}`;

/**
 * Encrypts each file into the vault under a key of its own (the row's wrapped_key: deleting the row
 * erases the file) and records it on the message, in the message's work.
 */
export async function storeAttachments(deps: Pick<SupportDeps, 'fileVault' | 'now'>, work: Work, ticketId: string, messageId: string, files: IncomingFile[]): Promise<void> {
  const db = tablesOf<SupportTables>(work);
  for (const file of files) {
    const id = randomUUID();
    const storageKey = storageKeyFor(id);
    const info = await deps.fileVault.vault().writeFile(storageKey, file.bytes);
    await store.insertAttachment(db, {
      id,
      ticket_id: ticketId,
      message_id: messageId,
      file_name: file.name.slice(0, 200),
      content_type: file.contentType.slice(0, 200),
      size_bytes: info.plaintextSize,
      sha256: info.sha256,
      wrapped_key: info.wrappedKey,
      storage_key: storageKey,
      created_at: deps.now(),
    });
  }
}

export async function readAttachment(deps: Pick<SupportDeps, 'fileVault'>, row: AttachmentRow): Promise<Readable> {
  return deps.fileVault.vault().readFile(row.storage_key, row.wrapped_key);
}
