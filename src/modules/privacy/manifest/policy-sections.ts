import { countryInSentence, countryName } from './countries.js';
import { describeDuration } from './durations.js';
import type { Block, Cell, Inline, PolicySection } from './policy-document.js';
import { COOKIE_CATEGORIES, type TJurisdiction, type TManifest, type TRetentionRule } from './schema.js';
import { OPERATING_RECORDS, TAXONOMY, type CategoryId } from './taxonomy.js';
import {
  CHANNEL_WORDS,
  COOKIE_CATEGORY_WORDS,
  END_ACTION_WORDS,
  joinWords,
  LEGAL_BASIS_WORDS,
  NOTICE_WORDS,
  RECIPIENT_KIND_WORDS,
  REQUEST_METHOD_WORDS,
  RETENTION_EVENT_WORDS,
  RIGHT_WORDS,
  SOURCE_WORDS,
  TRANSFER_MECHANISM_WORDS,
} from './wording.js';

const p = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
/** The web app's cookie settings page, where every choice the policy's cookies need can be changed. */
export const COOKIE_SETTINGS_PATH = '/cookie-settings';
const cell = (...content: Inline[]): Cell => content;
const labelOf = (id: CategoryId): string => TAXONOMY[id].label;
const labels = (ids: readonly CategoryId[]): string => joinWords(ids.map(labelOf));
const mail = (address: string): Inline => ({ kind: 'link', text: address, href: `mailto:${address}` });

function sectionWhoWeAre(m: TManifest): PolicySection {
  const op = m.operator;
  const blocks: Block[] = [
    p(
      `${op.name}${op.legal_name ? ` (${op.legal_name})` : ''} is responsible for your personal data (the "controller"). `,
      `We are based in ${countryInSentence(op.country)}.`,
    ),
  ];
  if (op.address) blocks.push(p(`Our address: ${op.address}.`));
  if (op.website) blocks.push(p('Our website: ', { kind: 'link', text: op.website, href: op.website }, '.'));
  if (op.dpo) blocks.push(p(`Our data protection officer${op.dpo.name ? `, ${op.dpo.name},` : ''} can be reached at `, mail(op.dpo.email), '.'));
  blocks.push(p('This policy explains what personal data we collect, why, who receives it, how long we keep it, and the rights you have.'));
  return { id: 'who-we-are', title: 'Who we are', blocks };
}

function sectionCollect(m: TManifest): PolicySection {
  const rows = m.categories.map((c): Cell[] => {
    const entry = TAXONOMY[c.id];
    const sources = c.sources.map((s) => (s === 'third_parties' && c.from ? `from third parties (${c.from})` : SOURCE_WORDS[s]));
    const what = `${c.details ?? entry.description}${entry.special ? ' This is special-category (biometric) data: we process it only with your explicit consent.' : ''}`;
    return [cell({ kind: 'strong', text: entry.label }), cell(what), cell(`We get it ${joinWords(sources, 'or')}.`)];
  });
  const blocks: Block[] = [
    p('We collect the following personal data. Some of it you give us, some is collected automatically, and some comes from others.'),
    { kind: 'table', caption: 'Personal data we collect', headers: ['Data', 'What it is', 'How we get it'], rows },
  ];
  // Operating records are kept by every installation, declared or not: the policy names each one.
  const declared = new Set<string>(m.categories.map((c) => c.id));
  const operating = OPERATING_RECORDS.filter((id) => !declared.has(id));
  if (operating.length > 0) {
    blocks.push(
      p('To run your account safely, our service also keeps these records about it. They are used for nothing else; your privacy dashboard shows each one, how long it is kept and what erasure does to it.'),
      { kind: 'table', caption: 'Records kept to run your account', headers: ['Record', 'What it is'], rows: operating.map((id) => [cell({ kind: 'strong', text: TAXONOMY[id].label }), cell(TAXONOMY[id].description)]) },
    );
  }
  return { id: 'what-we-collect-and-how', title: 'What we collect and how', blocks };
}

function sectionPurposes(m: TManifest): PolicySection {
  const rows = m.purposes.map((purpose): Cell[] => {
    const basis = [LEGAL_BASIS_WORDS[purpose.legal_basis]];
    const why: Inline[] = [{ kind: 'strong', text: purpose.name }];
    if (purpose.description) why.push(`: ${purpose.description}`);
    if (purpose.channels?.length) why.push(` You choose each channel separately: ${joinWords(purpose.channels.map((c) => CHANNEL_WORDS[c]))}.`);
    if (purpose.legitimate_interest) basis.push(`: ${purpose.legitimate_interest}`);
    return [why, cell(basis.join('')), cell(`${labels(purpose.categories)}.`)];
  });
  return {
    id: 'why-we-use-it',
    title: 'Why we use it (purposes and legal bases)',
    blocks: [
      p('We use personal data only for these purposes, each with the legal basis that allows it:'),
      { kind: 'table', caption: 'Purposes and legal bases', headers: ['Purpose', 'Legal basis', 'Data used'], rows },
    ],
  };
}

function sectionRecipients(m: TManifest): PolicySection {
  if (m.recipients.length === 0) {
    return { id: 'who-receives-it', title: 'Who receives it', blocks: [p('We do not give your personal data to anyone else.')] };
  }
  const rows = m.recipients.map((r): Cell[] => [
    cell({ kind: 'strong', text: r.name }, ` (${RECIPIENT_KIND_WORDS[r.kind]})`),
    cell(r.service),
    cell(`${labels(r.categories)}.`),
    cell(countryName(r.country)),
    cell(r.country === m.operator.country && r.transfer_mechanism === 'not_required' ? 'Not needed (same country)' : TRANSFER_MECHANISM_WORDS[r.transfer_mechanism]),
  ]);
  return {
    id: 'who-receives-it',
    title: 'Who receives it',
    blocks: [
      p('We share personal data only with these recipients, and each receives only the data listed:'),
      { kind: 'table', caption: 'Recipients of personal data', headers: ['Recipient', 'What they do', 'Data they receive', 'Country', 'Transfer safeguard'], rows },
    ],
  };
}

function sectionTransfers(m: TManifest): PolicySection {
  const home = countryInSentence(m.operator.country);
  const abroad = m.recipients.filter((r) => r.country !== m.operator.country);
  const blocks: Block[] = [];
  const declared = m.transfers ?? [];
  if (abroad.length === 0 && declared.length === 0) {
    blocks.push(p(`We keep your personal data in ${home} and do not transfer it to other countries.`));
  }
  if (declared.length > 0) {
    blocks.push(p(`We are based in ${home}. Your personal data may be transferred to these countries:`));
    blocks.push({
      kind: 'list',
      items: declared.map((t) => [`${countryName(t.to)}: relying on ${TRANSFER_MECHANISM_WORDS[t.mechanism]}${t.description ? `. ${t.description}` : '.'}`]),
    });
  }
  if (abroad.length > 0) {
    blocks.push(p('These recipients are outside our country:'));
    blocks.push({ kind: 'list', items: abroad.map((r) => [`${r.name}: ${countryName(r.country)}, relying on ${TRANSFER_MECHANISM_WORDS[r.transfer_mechanism]}.`]) });
  }
  return { id: 'international-transfers', title: 'International transfers', blocks };
}

/** "Billing. Kept for tax law. The Commercial Code requires us to keep it at least 10 years." */
function retentionData(rule: TRetentionRule): string {
  const text = rule.reason ? `${labels(rule.categories)}. ${rule.reason}` : labels(rule.categories);
  if (!rule.legal_minimum) return text;
  const law = rule.legal_minimum.law.charAt(0).toUpperCase() + rule.legal_minimum.law.slice(1);
  return `${/[.!?]$/.test(text) ? text : `${text}.`} ${law} requires us to keep it at least ${describeDuration(rule.legal_minimum.duration)}.`;
}

function sectionRetention(m: TManifest): PolicySection {
  const rows = m.retention.map((rule): Cell[] => [
    cell(retentionData(rule)),
    cell(describeDuration(rule.duration)),
    cell(RETENTION_EVENT_WORDS[rule.starts_on]),
    cell(`Then ${END_ACTION_WORDS[rule.end_action]}.`),
  ]);
  return {
    id: 'how-long-we-keep-it',
    title: 'How long we keep it',
    blocks: [
      p('We keep each kind of personal data only for the period below. When the period ends, we act as shown in the last column.'),
      { kind: 'table', caption: 'Retention periods', headers: ['Data', 'How long', 'Counted', 'At the end'], rows },
      ...(m.backup_retention ? [p(`Backups of our systems are kept for ${describeDuration(m.backup_retention)}, then deleted. When we restore one, we first remove again everything whose period ended and everything we erased since, so nothing comes back.`)] : []),
    ],
  };
}

function sectionCookies(m: TManifest): PolicySection {
  const cookies = m.cookies ?? [];
  const cookieless: Block[] = m.analytics === 'cookieless' ? [p('We count visits to our pages without cookies or any identifier: we keep only daily totals per page and feature, never your IP address or anything that tells visits or people apart.')] : [];
  if (cookies.length === 0) return { id: 'cookies', title: 'Cookies', blocks: [p('We do not use cookies or similar technologies.'), ...cookieless] };
  const blocks: Block[] = [p('We use these cookies and similar technologies. You can change or withdraw your choices at any time in our ', { kind: 'link', text: 'cookie settings', href: COOKIE_SETTINGS_PATH }, ' or your browser.'), ...cookieless];
  for (const category of COOKIE_CATEGORIES) {
    const inCategory = cookies.filter((c) => c.category === category);
    if (inCategory.length === 0) continue;
    const words = COOKIE_CATEGORY_WORDS[category];
    blocks.push({ kind: 'subheading', text: words.title });
    blocks.push(p(words.explanation));
    blocks.push({
      kind: 'table',
      caption: words.title,
      headers: ['Name', 'Provider', 'Purpose', 'Lifetime'],
      rows: inCategory.map((c) => [
        cell({ kind: 'code', text: c.name }),
        cell(c.provider),
        cell(c.purpose),
        cell(c.lifetime === 'session' ? 'Until you close your browser' : describeDuration(c.lifetime)),
      ]),
    });
  }
  return { id: 'cookies', title: 'Cookies', blocks };
}

function jurisdictionBlocks(j: TJurisdiction): Block[] {
  const deadline = describeDuration(j.deadline.base, { style: 'deadline', extension: j.deadline.extension });
  const blocks: Block[] = [
    { kind: 'subheading', text: j.name },
    { kind: 'list', items: j.rights.map((right) => [RIGHT_WORDS[right]]) },
    p({ kind: 'strong', text: 'How fast we answer:' }, ` within ${deadline} of receiving your request.`),
  ];
  if (j.deadline.extension) {
    blocks.push(p(`We extend only ${j.deadline.extension_reason ?? 'when requests are complex or numerous'}, and we tell you within the first period why.`));
  }
  if (j.authority) blocks.push(p(`Supervisory authority: ${j.authority}.`));
  return blocks;
}

function sectionRights(m: TManifest): PolicySection {
  const methods = m.rights.methods.map((method) => REQUEST_METHOD_WORDS[method]);
  const blocks: Block[] = [
    p(`You can exercise your rights ${joinWords(methods, 'or')}. `, 'Write to ', mail(m.operator.contacts.email), '. We may ask you to confirm your identity.'),
    ...m.rights.jurisdictions.flatMap(jurisdictionBlocks),
  ];
  return { id: 'your-rights', title: 'Your rights and how fast we answer', blocks };
}

function sectionChildren(m: TManifest): PolicySection {
  const age = m.minimum_age;
  const text =
    age === 0
      ? 'Our services are open to people of any age.'
      : `Our services are not meant for anyone under ${age}. We do not knowingly collect personal data from anyone under ${age}; if we learn that we have, we delete it. If you believe a child under ${age} has given us personal data, please contact us.`;
  return { id: 'children', title: 'Children', blocks: [p(text)] };
}

function sectionSelling(m: TManifest): PolicySection {
  const s = m.sale_and_sharing;
  const blocks: Block[] = [
    p(s.sells_personal_data ? 'We sell personal data. You can tell us to stop at any time.' : 'We do not sell your personal data.'),
    p(
      s.shares_for_cross_context_advertising
        ? 'We share personal data for cross-context behavioural (interest-based) advertising. You can opt out at any time.'
        : 'We do not share your personal data for cross-context behavioural advertising.',
    ),
  ];
  if (s.opt_out_url) blocks.push(p('Opt out here: ', { kind: 'link', text: s.opt_out_url, href: s.opt_out_url }, '.'));
  blocks.push(
    p(
      s.honours_gpc
        ? 'We honour the Global Privacy Control (GPC) signal: if your browser sends it, we treat it as your request to opt out of sale and sharing.'
        : 'We do not currently act on the Global Privacy Control (GPC) signal.',
    ),
  );
  return { id: 'selling-and-sharing', title: 'Selling and sharing', blocks };
}

function sectionSecurity(m: TManifest): PolicySection | undefined {
  if (!m.security?.length) return undefined;
  return { id: 'how-we-protect-it', title: 'How we protect it', blocks: [{ kind: 'list', items: m.security.map((item) => [item]) }] };
}

function sectionChanges(m: TManifest): PolicySection {
  const c = m.changes;
  const channels = joinWords(c.notice.map((n) => NOTICE_WORDS[n]), 'or');
  const blocks: Block[] = [p('When we change this policy, we publish the new version on this page with a new date and version number.')];
  if (c.notify_individually_for === 'all') blocks.push(p(`We tell you about every change through ${channels}.`));
  if (c.notify_individually_for === 'significant') blocks.push(p(`When a change is significant, we also tell you through ${channels}. Minor updates for clarity may be made without individual notice.`));
  blocks.push(
    p(
      c.effective_after.years + c.effective_after.months + c.effective_after.days === 0
        ? 'Changes take effect when they are published.'
        : `Changes take effect ${describeDuration(c.effective_after)} after we announce them.`,
    ),
  );
  if (m.acceptance === 'by_use') blocks.push(p('By creating an account or using our services you accept this policy, and using them after a change takes effect means you accept the new version.'));
  return { id: 'changes-to-this-policy', title: 'Changes to this policy', blocks };
}

function sectionContact(m: TManifest): PolicySection {
  const ct = m.operator.contacts;
  const items: Inline[][] = [['E-mail: ', mail(ct.email)]];
  if (ct.phone) items.push([`Phone: `, { kind: 'link', text: ct.phone, href: `tel:${ct.phone.replace(/[^+\d]/g, '')}` }]);
  if (ct.postal_address) items.push([`Post: ${ct.postal_address}`]);
  if (ct.web_form) items.push(['Web form: ', { kind: 'link', text: ct.web_form, href: ct.web_form }]);
  if (m.operator.dpo) items.push(['Data protection officer: ', mail(m.operator.dpo.email)]);
  return {
    id: 'contact',
    title: 'Contact',
    blocks: [p(`For any question about this policy or your personal data, contact ${m.operator.name}:`), { kind: 'list', items }],
  };
}

export function buildPolicySections(m: TManifest): PolicySection[] {
  const security = sectionSecurity(m);
  return [
    sectionWhoWeAre(m),
    sectionCollect(m),
    sectionPurposes(m),
    sectionRecipients(m),
    sectionTransfers(m),
    sectionRetention(m),
    sectionCookies(m),
    sectionRights(m),
    sectionChildren(m),
    sectionSelling(m),
    ...(security ? [security] : []),
    sectionChanges(m),
    sectionContact(m),
  ];
}
