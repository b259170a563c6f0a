import { escapeHtml, renderLayout, type MailMessage } from '../../platform/mail/index.js';
import { markdownToHtml, markdownToText } from './markdown.js';
import type { MarketingDeps } from './marketing.deps.js';
import { unsubscribeToken, unsubscribeUrl, type UnsubscribeScope } from './unsubscribe-links.js';

export type CampaignContent = { subject: string; bodyMarkdown: string; topicName: string };

/**
 * The one template of the `marketing.campaign` kind: the campaign's Markdown as text and HTML, a
 * footer saying why the person gets it with a one-click unsubscribe link and the preferences page,
 * and the RFC 8058 headers (List-Unsubscribe with the HTTPS link and a mailto, List-Unsubscribe-Post).
 */
export function campaignMail(deps: Pick<MarketingDeps, 'links' | 'publicUrl' | 'unsubscribeAddress'>, input: { to: string; operatorName: string; content: CampaignContent; scope: UnsubscribeScope }): MailMessage {
  const unsubscribe = unsubscribeUrl(deps, input.scope);
  const preferences = `${deps.publicUrl}/account/marketing`;
  const why = `You receive this because you opted in to ${input.content.topicName} by e-mail from ${input.operatorName}.`;
  const text = [
    markdownToText(input.content.bodyMarkdown),
    '--',
    why,
    `Unsubscribe in one click: ${unsubscribe}`,
    `Choose what you receive: ${preferences}`,
  ].join('\n\n');
  const footerHtml = `${escapeHtml(why)}<br><a href="${escapeHtml(unsubscribe)}">Unsubscribe</a> · <a href="${escapeHtml(preferences)}">Choose what you receive</a>`;
  const html = renderLayout({ operatorName: input.operatorName, subject: input.content.subject, bodyHtml: markdownToHtml(input.content.bodyMarkdown), footerHtml });
  const mailto = `mailto:${deps.unsubscribeAddress}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken(deps, input.scope)}`)}`;
  return {
    to: input.to,
    userId: input.scope.userId,
    kind: 'marketing.campaign',
    subject: input.content.subject,
    text,
    html,
    marketing: { purpose: input.scope.purpose, topic: input.scope.topic, channel: input.scope.channel },
    headers: { 'List-Unsubscribe': `<${unsubscribe}>, <${mailto}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
