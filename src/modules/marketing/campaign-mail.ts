import { mailTemplate, type MailMessage } from '../../platform/mail/index.js';
import { markdownToHtml, markdownToText } from './markdown.js';
import type { MarketingDeps } from './marketing.deps.js';
import { unsubscribeToken, unsubscribeUrl, type UnsubscribeScope } from './unsubscribe-links.js';

export type CampaignContent = { subject: string; bodyMarkdown: string; topicName: string };

/**
 * The one template of the `marketing.campaign` kind: the campaign's Markdown as text and HTML, and a
 * footer saying why the person gets it, with a one-click unsubscribe link and the preferences page.
 */
export const campaignTemplate = mailTemplate('marketing.campaign', (content: CampaignContent, links: { operatorName: string; unsubscribe: string; preferences: string }) => ({
  subject: content.subject,
  blocks: [{ text: markdownToText(content.bodyMarkdown), html: markdownToHtml(content.bodyMarkdown) }],
  footer: [
    `You receive this because you opted in to ${content.topicName} by e-mail from ${links.operatorName}.`,
    { action: 'Unsubscribe in one click', url: links.unsubscribe },
    { action: 'Choose what you receive', url: links.preferences },
  ],
}));

/** A campaign's message to one person, with the RFC 8058 headers (List-Unsubscribe with the HTTPS link and, where mail is received, a mailto; List-Unsubscribe-Post). */
export function campaignMail(deps: Pick<MarketingDeps, 'links' | 'publicUrl' | 'unsubscribeAddress'>, input: { to: string; operatorName: string; content: CampaignContent; scope: UnsubscribeScope }): MailMessage {
  const unsubscribe = unsubscribeUrl(deps, input.scope);
  // The mailto only where the inbound listener takes the unsubscribe address (unsubscribeByMail).
  const mailto = deps.unsubscribeAddress ? `, <mailto:${deps.unsubscribeAddress}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken(deps, input.scope)}`)}>` : '';
  return {
    to: input.to,
    userId: input.scope.userId,
    ...campaignTemplate(input.content, { operatorName: input.operatorName, unsubscribe, preferences: `${deps.publicUrl}/account/marketing` }),
    marketing: { purpose: input.scope.purpose, topic: input.scope.topic, channel: input.scope.channel },
    headers: { 'List-Unsubscribe': `<${unsubscribe}>${mailto}`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
