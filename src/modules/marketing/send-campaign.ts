import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../platform/jobs/index.js';
import { SYSTEM_ACTOR, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { listReachableAccountsAfter } from '../accounts/index.js';
import { campaignMail } from './campaign-mail.js';
import { markdownToText } from './markdown.js';
import { findOffered, marketingOffer } from './marketing-offer.js';
import type { MarketingDeps } from './marketing.deps.js';
import * as store from './marketing.store.js';
import type { MarketingTables } from './marketing.tables.js';

const FIRST_ID = '00000000-0000-0000-0000-000000000000';
type Person = Awaited<ReturnType<typeof listReachableAccountsAfter>>[number];
type Payload = { campaignId: string };

const jobs = new WeakMap<MarketingDeps, JobDefinition<Payload>>();

/**
 * `marketing.send-campaign` v1: one batch of a campaign per run, then the next batch queued after the
 * configured pause (pacing). The campaign row holds the cursor, locked by the batch and moved in the
 * same transaction as the batch's messages, so a stopped or crashed job resumes where the last
 * committed batch ended and nobody is reached twice.
 */
export function sendCampaignJob(deps: MarketingDeps): JobDefinition<Payload> {
  let job = jobs.get(deps);
  if (!job) {
    job = defineJob<Payload>({
      name: 'marketing.send-campaign',
      version: 1,
      schema: z.object({ campaignId: z.uuid() }),
      handler: async ({ campaignId }) => {
        await sendCampaignBatch(deps, campaignId);
      },
      retryLimit: 5,
      policy: 'stately',
    });
    jobs.set(deps, job);
  }
  return job;
}

/**
 * Reaches the next batch of accounts: for each, THE shared check (egress's `isMarketingAllowed`:
 * restriction, opt-outs, GPC, their choice for this topic and channel) is asked now, in the work that
 * sends, so a change made a second ago counts. Returns whether more batches remain.
 */
export async function sendCampaignBatch(deps: MarketingDeps, campaignId: string): Promise<boolean> {
  return deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<MarketingTables>(work);
    const row = await store.lockCampaign(db, campaignId);
    if (!row || row.status !== 'sending') return false;
    const { manifest, values } = await deps.policy.inWork(work);
    const logDeliveries = values.isDeclared('communications.marketing');
    const found = findOffered(marketingOffer(manifest), { purpose: row.purpose_id, topic: row.topic, channel: row.channel });
    // A policy that no longer offers this topic on this channel ends the campaign: nobody more is reached.
    const people = found ? await listReachableAccountsAfter(work, row.cursor_user_id ?? FIRST_ID, deps.pacing.batchSize) : [];
    let reached = 0;
    for (const person of people) {
      if (!(await deps.egress.isMarketingAllowed(work, person.id, { purpose: row.purpose_id, topic: row.topic, channel: row.channel }))) continue;
      if (await reach(deps, work, row, person, { operatorName: manifest.operator.name, topicName: found!.topic.name, logDeliveries })) reached += 1;
    }
    const done = people.length < deps.pacing.batchSize;
    const now = deps.now();
    await store.updateCampaign(db, campaignId, {
      cursor_user_id: people.at(-1)?.id ?? row.cursor_user_id,
      examined: row.examined + people.length,
      reached: row.reached + reached,
      updated_at: now,
      ...(done ? { status: 'sent' as const, finished_at: now } : {}),
    });
    await work.audit({ action: done ? 'marketing.campaign_sent' : 'marketing.campaign_batch', target: { type: 'marketing_campaign', id: campaignId }, details: { examined: people.length, reached } });
    if (!done) await work.enqueue(sendCampaignJob(deps), { campaignId }, { startAfter: deps.pacing.pauseSeconds });
    return !done;
  });
}

async function reach(deps: MarketingDeps, work: Work, row: store.CampaignRow, person: Person, names: { operatorName: string; topicName: string; logDeliveries: boolean }): Promise<boolean> {
  const db = tablesOf<MarketingTables>(work);
  const log = (outcome: 'sent' | 'failed') => (names.logDeliveries ? store.insertDelivery(db, { campaign_id: row.id, user_id: person.id, channel: row.channel, outcome, delivered_at: deps.now() }) : Promise.resolve(true));
  const scope = { userId: person.id, purpose: row.purpose_id, topic: row.topic, channel: row.channel };
  if (row.channel === 'email') {
    // The outbox row is written in this work; mail's own delivery asks egress again before SMTP.
    await work.mail(campaignMail(deps, { to: person.email, operatorName: names.operatorName, content: { subject: row.subject, bodyMarkdown: row.body_markdown, topicName: names.topicName }, scope }));
    await log('sent');
    return true;
  }
  if (row.channel !== 'sms' || !deps.sms || !person.phone) return false;
  const sms = deps.sms;
  const phone = person.phone;
  try {
    // The hand-over record and the provider's call stand or fall together.
    await work.savepoint('marketing_sms', async () => {
      const reference = `${row.id}:${person.id}`;
      const out = await deps.egress.handOver(work, {
        recipient: sms.recipient,
        purpose: row.purpose_id,
        processing: 'marketing',
        marketing: { topic: row.topic, channel: 'sms' },
        subjectId: person.id,
        data: { to: { category: 'contact.phone', value: phone }, text: { category: 'communications.marketing', value: `${row.subject}\n${markdownToText(row.body_markdown)}` } },
        reference,
      });
      await sms.client.send({ to: String(out.data.to), text: String(out.data.text), reference });
    });
  } catch {
    // Refused or not delivered: logged as failed; the cursor moves on, so nobody is retried into a second message.
    await log('failed');
    return false;
  }
  await log('sent');
  return true;
}
