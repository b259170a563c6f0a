import { escapeHtml, textToHtml } from './mail-layout.js';

/**
 * A paragraph of text (line breaks kept, web addresses linked), a call to action (a button to a web
 * page), or content rendered already (a campaign's Markdown: its escaped HTML and its text).
 */
export type MailBlock = string | { action: string; url: string } | { text: string; html: string };

/** What one kind of message says: subject, an optional greeting, its blocks, and an optional footer note. */
export type MailContent = { subject: string; greeting?: string; blocks: MailBlock[]; footer?: MailBlock[] };

/** A message rendered by its kind's template: both parts from the same content, ready for `work.mail`. */
export type RenderedMail = { kind: string; subject: string; text: string; html: string };

/** One kind's template: typed parameters in, both parts out; `kind` names it. */
export type MailTemplate<P extends unknown[]> = ((...params: P) => RenderedMail) & { kind: string };

const kinds = new Set<string>();

/**
 * Defines the one template of a kind of e-mail (a module's `<module>.mails.ts` holds its kinds). It
 * renders, when the message is written, the text part and the HTML body from the same content (the
 * house layout wraps the body at delivery, with the operator's name); a call to action is a button
 * in HTML and its address on its own line in text. A second template for the same kind is refused.
 */
export function mailTemplate<P extends unknown[]>(kind: string, compose: (...params: P) => MailContent): MailTemplate<P> {
  if (kinds.has(kind)) throw new Error(`A mail template for "${kind}" is already defined: one template per kind.`);
  kinds.add(kind);
  const render = (...params: P): RenderedMail => {
    const content = compose(...params);
    return { kind, subject: content.subject, text: renderText(content), html: renderHtml(content) };
  };
  return Object.assign(render, { kind });
}

/** Every kind a template is defined for (in the modules loaded): what the mail grounds must list. */
export function mailTemplateKinds(): string[] {
  return [...kinds].sort();
}

function blockText(block: MailBlock): string {
  if (typeof block === 'string') return block;
  return 'action' in block ? `${block.action}:\n${block.url}` : block.text;
}

function blockHtml(block: MailBlock): string {
  if (typeof block === 'string') return textToHtml(block);
  if (!('action' in block)) return block.html;
  const url = escapeHtml(block.url);
  return `<p><a href="${url}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#18181b;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(block.action)}</a></p>
<p style="font-size:12px;color:#71717a">Or open: <a href="${url}" style="color:#71717a">${url}</a></p>`;
}

function renderText(content: MailContent): string {
  const body = [...(content.greeting ? [content.greeting] : []), ...content.blocks.map(blockText)];
  const footer = content.footer?.length ? ['--', ...content.footer.map(blockText)] : [];
  return [...body, ...footer].join('\n\n');
}

function renderHtml(content: MailContent): string {
  const body = [...(content.greeting ? [`<p>${escapeHtml(content.greeting)}</p>`] : []), ...content.blocks.map(blockHtml)];
  const footer = content.footer?.length ? [`<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0 12px">`, `<div style="font-size:12px;color:#71717a">${content.footer.map(blockHtml).join('\n')}</div>`] : [];
  return [...body, ...footer].join('\n');
}
