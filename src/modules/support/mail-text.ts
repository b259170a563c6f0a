/**
 * What is kept of an e-mail's body: plain text only. mailparser turns an HTML-only message into text
 * (html-to-text); HTML itself is never stored or shown, so nothing in a message can run in a browser.
 * The quoted history a mail client appends under "On … wrote:" is cut: the ticket already holds it.
 */
export function bodyText(parsed: { text?: string | undefined; html?: string | false | undefined }): string {
  const text = parsed.text ?? (parsed.html ? stripTags(parsed.html) : '');
  return cutQuotedHistory(text.replace(/\r\n/g, '\n')).trim();
}

function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function cutQuotedHistory(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1]!.startsWith('>') || lines[end - 1]!.trim() === '')) end--;
  if (end > 0 && end < lines.length && /^On .+wrote:\s*$/.test(lines[end - 1]!.trim())) end--;
  return lines.slice(0, end).join('\n');
}
