import type { Block, Inline, PolicyDocument } from './policy-document.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Only web, e-mail and phone links are kept; anything else (javascript:, data:) becomes plain text. */
function safeHref(href: string): string | undefined {
  // A path on this site (the cookie settings page) too, but never a protocol-relative //other.host.
  return /^(https?:|mailto:|tel:|\/(?!\/))/i.test(href.trim()) ? href.trim() : undefined;
}

function inline(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      switch (part.kind) {
        case 'strong':
          return `<strong>${escapeHtml(part.text)}</strong>`;
        case 'code':
          return `<code>${escapeHtml(part.text)}</code>`;
        case 'link': {
          const href = safeHref(part.href);
          return href ? `<a href="${escapeHtml(href)}">${escapeHtml(part.text)}</a>` : escapeHtml(part.text);
        }
      }
    })
    .join('');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${inline(b.content)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'list':
      return `<ul>${b.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = b.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
      const rows = b.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${inline(c)}</th>` : `<td>${inline(c)}</td>`)).join('')}</tr>`);
      return `<div class="table-wrap"><table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
    }
  }
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#555;--line:#ccd;--accent:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#bbb;--line:#444;--accent:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
header,main,nav{max-width:60rem;margin:0 auto;padding:0 1.25rem}
h1{font-size:2rem;margin:2rem 0 .25rem}h2{margin-top:2.5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.meta{color:var(--muted)}
a{color:var(--accent)}a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:1rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.5rem;text-align:left;vertical-align:top}
thead th{background:color-mix(in srgb,var(--accent) 10%,transparent)}
tbody th{font-weight:normal}
code{font-family:ui-monospace,monospace;font-size:.95em}
`;

export function renderHtml(doc: PolicyDocument): string {
  const toc = doc.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  const sections = doc.sections
    .map((s) => `<section aria-labelledby="${s.id}"><h2 id="${s.id}">${escapeHtml(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(doc.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#content">Skip to the policy</a>
<header><h1>${escapeHtml(doc.title)}</h1><p class="meta">Last updated: ${escapeHtml(doc.lastUpdated)} · Version ${escapeHtml(doc.version)}</p></header>
<nav aria-label="Table of contents"><h2>Contents</h2><ol>${toc}</ol></nav>
<main id="content">
${sections}
</main>
</body>
</html>
`;
}
