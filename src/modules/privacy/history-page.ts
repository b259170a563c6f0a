import { escapeHtml } from './manifest/render-html.js';
import type { VersionSummary } from './policy-history.js';

type DiffView = { from: number; to: number; sentences: string[]; level: 'significant' | 'minor'; reasons: string[] };

const STYLE = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#555;--line:#ccd;--accent:#0b57d0;--warn:#8a4b00}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#bbb;--line:#444;--accent:#8ab4f8;--warn:#f0b060}}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main{max-width:60rem;margin:0 auto;padding:0 1.25rem}
h1{font-size:2rem;margin:2rem 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.meta{color:var(--muted)}a{color:var(--accent)}a:focus-visible,select:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid var(--line);padding:.5rem;text-align:left;vertical-align:top}
thead th{background:color-mix(in srgb,var(--accent) 10%,transparent)}
caption{text-align:left;padding:.25rem 0}.date{white-space:nowrap}
.significant{color:var(--warn);font-weight:600}
form{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:1rem 0}
label{display:flex;flex-direction:column;font-weight:600}
select,button{font:inherit;padding:.35rem .6rem}
`;

const LEVEL_WORDS = { initial: 'First version', significant: 'Significant change', minor: 'Minor change' } as const;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function options(versions: VersionSummary[], selected: number | undefined): string {
  return versions.map((v) => `<option value="${v.version}"${v.version === selected ? ' selected' : ''}>Version ${v.version} (${day(v.publishedAt)})</option>`).join('');
}

function diffSection(diff: DiffView): string {
  const level = diff.level === 'significant' ? '<span class="significant">significant</span>' : 'minor';
  const reasons = diff.reasons.length > 0 ? `<p>It is significant because it:</p><ul>${diff.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  return `<section aria-labelledby="diff"><h2 id="diff">What changed from version ${diff.from} to version ${diff.to}</h2>
<p>This change is ${level}.</p>${reasons}
<p>What changed:</p><ul class="changes">${diff.sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
<p><a href="/privacy?version=${diff.from}">Read version ${diff.from}</a> · <a href="/privacy?version=${diff.to}">Read version ${diff.to}</a></p></section>`;
}

/** The version history of the policy, server-rendered (no script), with a form to compare two versions. */
export function renderHistoryPage(input: { operator: string; versions: VersionSummary[]; inForce: number; now: Date; diff: DiffView | null }): string {
  const { versions, diff } = input;
  const rows = versions
    .map((v) => {
      const state = v.version === input.inForce ? ' (in force)' : v.effectiveAt > input.now ? ` (takes effect on ${day(v.effectiveAt)})` : '';
      return `<tr><th scope="row"><a href="/privacy?version=${v.version}">Version ${v.version}</a>${state}</th><td class="date">${day(v.publishedAt)}</td><td class="date">${day(v.effectiveAt)}</td><td${v.changeLevel === 'significant' ? ' class="significant"' : ''}>${LEVEL_WORDS[v.changeLevel]}</td><td>${escapeHtml(v.summary)}</td></tr>`;
    })
    .join('\n');
  const oldest = versions.at(-1)?.version;
  const newest = versions[0]?.version;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy policy history of ${escapeHtml(input.operator)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Privacy policy history</h1><p class="meta">${escapeHtml(input.operator)} · ${versions.length} version${versions.length === 1 ? '' : 's'} · <a href="/privacy">The policy in force</a></p></header>
<main>
<form method="get" action="/privacy/history" aria-label="Compare two versions">
<label>From <select name="from">${options(versions, diff?.from ?? (newest !== undefined && newest > 1 ? newest - 1 : oldest))}</select></label>
<label>To <select name="to">${options(versions, diff?.to ?? newest)}</select></label>
<button type="submit">Compare</button>
</form>
${diff ? diffSection(diff) : ''}
<section aria-labelledby="versions"><h2 id="versions">Every version</h2>
<div class="table-wrap"><table><caption class="meta">Newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">In force from</th><th scope="col">Change</th><th scope="col">Summary</th></tr></thead>
<tbody>
${rows}
</tbody></table></div></section>
</main>
</body>
</html>
`;
}
