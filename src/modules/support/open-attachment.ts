import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { readAttachment } from './attachments.js';
import { STAFF_ROLES } from './staff-inbox.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';

/** An attachment, decrypted, for staff (an audited read) or for the person whose ticket it is. */
export async function openAttachment(deps: SupportDeps, p: Principal, id: string, ctx: RequestContext) {
  const row = await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const db = tablesOf<SupportTables>(work);
    const attachment = await store.findAttachment(db, id);
    const ticket = attachment ? await store.findTicket(db, attachment.ticket_id) : undefined;
    if (!attachment || !ticket?.confirmed_at) throw supportErrors.attachmentNotFound();
    const staff = STAFF_ROLES.has(p.role);
    if (!staff && ticket.customer_id !== p.userId) throw supportErrors.attachmentNotFound();
    if (staff && ticket.customer_id !== p.userId) await work.audit({ action: 'support.attachment_read', subjectId: ticket.customer_id, target: { type: 'support_attachment', id } });
    return attachment;
  });
  return { name: row.file_name, contentType: row.content_type, size: Number(row.size_bytes), body: await readAttachment(deps, row) };
}
