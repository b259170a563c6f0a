import { escapeHtml } from '../../platform/mail/index.js';

/**
 * The Markdown a campaign is written in, as HTML and as plain text: paragraphs, `#`–`###` headings,
 * `-`/`*` and numbered lists, **bold**, *italic* and [links](https://…) (http, https and mailto
 * only). Everything is escaped first, so a body can carry no markup or script of its own.
 */
export function markdownToHtml(markdown: string): string {
  return blocksOf(markdown)
    .map((block) => {
      const heading = /^(#{1,3})\s+(.*)$/.exec(block[0]!);
      if (heading && block.length === 1) return `<h${heading[1]!.length + 1}>${inline(heading[2]!)}</h${heading[1]!.length + 1}>`;
      if (block.every((l) => /^[-*]\s+/.test(l))) return `<ul>${block.map((l) => `<li>${inline(l.replace(/^[-*]\s+/, ''))}</li>`).join('')}</ul>`;
      if (block.every((l) => /^\d+\.\s+/.test(l))) return `<ol>${block.map((l) => `<li>${inline(l.replace(/^\d+\.\s+/, ''))}</li>`).join('')}</ol>`;
      return `<p>${block.map(inline).join('<br>\n')}</p>`;
    })
    .join('\n');
}

/** The same text for the plain part: markup removed, each link's address written after its words. */
export function markdownToText(markdown: string): string {
  return blocksOf(markdown)
    .map((block) =>
      block
        .map((line) =>
          line
            .replace(/^#{1,3}\s+/, '')
            .replace(LINK, (_m, words: string, url: string) => `${words} (${url})`)
            .replace(/\*\*([^*]+)\*\*/g, '$1')
            .replace(/\*([^*]+)\*/g, '$1'),
        )
        .join('\n'),
    )
    .join('\n\n');
}

const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g;

function blocksOf(markdown: string): string[][] {
  return markdown
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trimEnd()))
    .filter((b) => b.some((l) => l.trim() !== ''));
}

function inline(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(LINK)) {
    out += emphasis(escapeHtml(line.slice(last, m.index)));
    out += `<a href="${escapeHtml(m[2]!)}">${emphasis(escapeHtml(m[1]!))}</a>`;
    last = m.index + m[0].length;
  }
  return out + emphasis(escapeHtml(line.slice(last)));
}

function emphasis(escaped: string): string {
  return escaped.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/\*([^*]+)\*/g, '<em>$1</em>');
}
