/**
 * The house HTML template every message is laid out in: the operator's name on top, the message's
 * paragraphs (links clickable, everything else escaped), and a footer. A kind that renders its own
 * HTML (a campaign) hands its body in already escaped; plain-text kinds are laid out from their text.
 */
export type LayoutInput = { operatorName: string; subject: string; bodyHtml: string; footerHtml?: string };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** A plain-text body as HTML paragraphs: blank lines split paragraphs, line breaks stay, URLs become links. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${linkify(paragraph).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapeHtml(text.slice(last, match.index));
    const url = escapeHtml(match[0]);
    out += `<a href="${url}">${url}</a>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

export function renderLayout(input: LayoutInput): string {
  const name = escapeHtml(input.operatorName);
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(input.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e4e4e7;font-size:18px;font-weight:600">${name}</td></tr>
<tr><td style="padding:24px 28px;font-size:15px;line-height:1.55">${input.bodyHtml}</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e4e4e7;font-size:12px;color:#71717a">${input.footerHtml ?? `Sent by ${name}.`}</td></tr>
</table></td></tr></table>
</body></html>`;
}
