import type { Block, Inline, PolicyDocument } from './policy-document.js';

/** Escapes Markdown syntax so manifest text is shown literally and cannot inject links or HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#~!]/g, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, ' ')
    .replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

function safeHref(href: string): string | undefined {
  return /^(https?:|mailto:|tel:)/i.test(href) ? encodeURI(decodeURISafe(href)).replace(/[()]/g, (c) => encodeURIComponent(c)) : undefined;
}

function decodeURISafe(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

function inline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeMarkdown(part);
      switch (part.kind) {
        case 'strong':
          return `**${escapeMarkdown(part.text)}**`;
        case 'code':
          return `\`${part.text.replace(/`/g, "'")}\``;
        case 'link': {
          const href = safeHref(part.href);
          return href ? `[${escapeMarkdown(part.text)}](${href})` : escapeMarkdown(part.text);
        }
      }
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return inline(b.content);
    case 'subheading':
      return `### ${escapeMarkdown(b.text)}`;
    case 'list':
      return b.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table': {
      const head = `| ${b.headers.map(escapeMarkdown).join(' | ')} |`;
      const rule = `| ${b.headers.map(() => '---').join(' | ')} |`;
      const rows = b.rows.map((row) => `| ${row.map(inline).join(' | ')} |`);
      return [`*${escapeMarkdown(b.caption)}*`, '', head, rule, ...rows].join('\n');
    }
  }
}

export function renderMarkdown(doc: PolicyDocument): string {
  const out: string[] = [
    `# ${escapeMarkdown(doc.title)}`,
    `Last updated: ${escapeMarkdown(doc.lastUpdated)} · Version ${escapeMarkdown(doc.version)}`,
    '## Contents',
    doc.sections.map((s, i) => `${i + 1}. [${escapeMarkdown(s.title)}](#${s.id})`).join('\n'),
  ];
  for (const section of doc.sections) {
    out.push(`<a id="${section.id}"></a>\n## ${escapeMarkdown(section.title)}`);
    for (const b of section.blocks) out.push(block(b));
  }
  return `${out.join('\n\n')}\n`;
}
