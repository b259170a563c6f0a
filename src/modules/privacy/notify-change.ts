import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { JobContext, JobDefinition } from '../../platform/jobs/index.js';
import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { listPolicyRecipients } from '../accounts/index.js';
import { parseStoredManifest } from './active-policy.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyMails } from './privacy.mails.js';
import * as store from './privacy.store.js';
import type { PrivacyTables, PromptPurpose, StoredChange } from './privacy.tables.js';
import { readJson } from './stored-json.js';

export const ZNotifyPayload = z.object({ version: z.number().int().positive() });
export type NotifyChangePayload = z.infer<typeof ZNotifyPayload>;
export type NotifyChangeJob = JobDefinition<NotifyChangePayload>;

const DEFAULT_PAGE_SIZE = 200;

/**
 * One transaction per page of users, so a large installation never holds one huge transaction. A
 * notice and a consent question exist at most once per user and version, so a retried job resumes
 * where it stopped and sends nobody a second e-mail.
 */
export async function notifyChange(deps: PrivacyDeps, version: number, ctx: Pick<JobContext, 'log' | 'signal'>) {
  const row = await store.findVersion(deps.db, version);
  if (!row) return;
  const change = readJson<StoredChange>(row.diff);
  const manifest = parseStoredManifest(version, row.yaml);
  const purposes: PromptPurpose[] = manifest.purposes
    .filter((p) => change.consentPurposes.includes(p.id))
    .map((p) => ({ id: p.id, name: p.name, description: p.description ?? null, categories: [...p.categories] }));
  const pageSize = deps.noticePageSize ?? DEFAULT_PAGE_SIZE;
  const base = deps.publicUrl.replace(/\/$/, '');
  let cursor: string | null = null;
  let notified = 0;
  for (;;) {
    if (ctx.signal.aborted) throw new Error('the change-notice job was stopped; it resumes on retry');
    const page = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      const db = tablesOf<PrivacyTables>(work);
      const users = await listPolicyRecipients(work, { after: cursor, createdBefore: row.published_at, limit: pageSize });
      const now = deps.now();
      for (const user of users) {
        if (await store.insertNotice(db, user.id, version, now)) {
          const message = privacyMails.policyChanged({
            name: user.name,
            operator: manifest.operator.name,
            version,
            effectiveOn: row.effective_at.toISOString().slice(0, 10),
            reasons: change.reasons,
            sentences: change.sentences,
            historyUrl: `${base}/privacy/history?from=${version - 1}&to=${version}`,
            policyUrl: `${base}/privacy`,
            asksConsent: purposes.length > 0,
          });
          await work.mail({ to: user.email, userId: user.id, ...message });
          await work.audit({ action: 'privacy.change_notice_sent', subjectId: user.id, target: { type: 'manifest_version', id: row.id }, details: { version } });
        }
        if (purposes.length > 0) {
          const id = randomUUID();
          if (await store.insertConsentPrompt(db, { id, user_id: user.id, version, purposes, created_at: now })) {
            await work.audit({
              action: 'privacy.consent_prompt_created',
              subjectId: user.id,
              target: { type: 'consent_prompt', id },
              details: { version, purposes: purposes.map((p) => p.id) },
            });
          }
        }
      }
      return users;
    });
    notified += page.length;
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    cursor = last.id;
  }
  ctx.log.info({ version, users: notified }, 'policy change notices done');
}
