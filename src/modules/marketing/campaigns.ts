import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { renderLayout } from '../../platform/mail/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { campaignMail } from './campaign-mail.js';
import { findOffered, marketingOffer } from './marketing-offer.js';
import type { MarketingDeps } from './marketing.deps.js';
import { marketingErrors } from './marketing.errors.js';
import type { TCampaign, TCampaignInput } from './marketing.schema.js';
import * as store from './marketing.store.js';
import type { MarketingTables } from './marketing.tables.js';
import { sendCampaignJob } from './send-campaign.js';

const tables = (work: Work) => tablesOf<MarketingTables>(work);

export function campaignOf(row: store.CampaignRow): TCampaign {
  return {
    id: row.id,
    purpose: row.purpose_id,
    topic: row.topic,
    channel: row.channel as TCampaign['channel'],
    subject: row.subject,
    bodyMarkdown: row.body_markdown,
    status: row.status,
    createdAt: row.created_at,
    progress: { examined: row.examined, reached: row.reached, startedAt: row.started_at, finishedAt: row.finished_at },
  };
}

async function assertOffered(deps: MarketingDeps, work: Work, input: TCampaignInput) {
  const found = findOffered(marketingOffer((await deps.policy.inWork(work)).manifest), input);
  if (!found) throw marketingErrors.notOffered(input);
  return found;
}

export async function createCampaign(deps: MarketingDeps, principal: Principal, input: TCampaignInput, ctx: RequestContext): Promise<TCampaign> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    await assertOffered(deps, work, input);
    const now = deps.now();
    const id = randomUUID();
    await store.insertCampaign(tables(work), { id, purpose_id: input.purpose, topic: input.topic, channel: input.channel, subject: input.subject, body_markdown: input.bodyMarkdown, status: 'draft', created_at: now, updated_at: now, cursor_user_id: null, examined: 0, reached: 0, started_at: null, finished_at: null });
    await work.audit({ action: 'marketing.campaign_created', target: { type: 'marketing_campaign', id }, details: { purpose: input.purpose, topic: input.topic, channel: input.channel } });
    return campaignOf((await store.findCampaign(tables(work), id))!);
  });
}

export async function updateCampaign(deps: MarketingDeps, principal: Principal, id: string, input: TCampaignInput, ctx: RequestContext): Promise<TCampaign> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const row = await store.lockCampaign(tables(work), id);
    if (!row) throw marketingErrors.campaignNotFound();
    if (row.status !== 'draft') throw marketingErrors.notDraft();
    await assertOffered(deps, work, input);
    await store.updateCampaign(tables(work), id, { purpose_id: input.purpose, topic: input.topic, channel: input.channel, subject: input.subject, body_markdown: input.bodyMarkdown, updated_at: deps.now() });
    await work.audit({ action: 'marketing.campaign_edited', target: { type: 'marketing_campaign', id } });
    return campaignOf((await store.findCampaign(tables(work), id))!);
  });
}

export async function listCampaigns(deps: MarketingDeps): Promise<TCampaign[]> {
  return (await store.listCampaigns(deps.db, 200)).map(campaignOf);
}

export async function getCampaign(deps: MarketingDeps, id: string): Promise<TCampaign> {
  const row = await store.findCampaign(deps.db, id);
  if (!row) throw marketingErrors.campaignNotFound();
  return campaignOf(row);
}

/** The campaign as a recipient would read it (the staff member's own name in place of theirs, a sample link). */
export async function previewCampaign(deps: MarketingDeps, principal: Principal, id: string) {
  const row = await store.findCampaign(deps.db, id);
  if (!row) throw marketingErrors.campaignNotFound();
  const { manifest } = await deps.policy.current();
  const found = findOffered(marketingOffer(manifest), { purpose: row.purpose_id, topic: row.topic, channel: row.channel });
  const mail = campaignMail(deps, {
    to: 'preview@invalid',
    operatorName: manifest.operator.name,
    content: { subject: row.subject, bodyMarkdown: row.body_markdown, topicName: found?.topic.name ?? row.topic },
    scope: { userId: principal.userId, purpose: row.purpose_id, topic: row.topic, channel: row.channel },
  });
  return { subject: mail.subject, text: mail.text, html: renderLayout({ operatorName: manifest.operator.name, subject: mail.subject, bodyHtml: mail.html ?? '' }) };
}

/**
 * Starts sending an e-mail or SMS campaign: the job reaches people batch by batch, asking the shared
 * check for each at that moment. Phone and post campaigns are not sent: their list is downloaded.
 */
export async function sendCampaign(deps: MarketingDeps, principal: Principal, id: string, ctx: RequestContext): Promise<TCampaign> {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const row = await store.lockCampaign(tables(work), id);
    if (!row) throw marketingErrors.campaignNotFound();
    if (row.status !== 'draft') throw marketingErrors.notDraft();
    if (row.channel !== 'email' && row.channel !== 'sms') throw marketingErrors.notSent();
    if (row.channel === 'sms' && !deps.sms) throw marketingErrors.noSmsProvider();
    await store.updateCampaign(tables(work), id, { status: 'sending', started_at: deps.now(), updated_at: deps.now() });
    await work.enqueue(sendCampaignJob(deps), { campaignId: id });
    await work.audit({ action: 'marketing.campaign_sending', target: { type: 'marketing_campaign', id }, details: { channel: row.channel } });
    return campaignOf((await store.findCampaign(tables(work), id))!);
  });
}
