import { asRecord, entries, label, strings, type Entry, type SemanticIssue } from './raw-entries.js';
import { checkAdvertising, checkOptOutSignals } from './sale-and-advertising-checks.js';
import { checkLegalMinimums, checkRequestDeadlines } from './legal-limit-checks.js';
import { isCategoryId } from './taxonomy.js';

function checkDuplicates(list: Entry[], section: string, key: string, what: string): SemanticIssue[] {
  const seen = new Map<string, number>();
  const issues: SemanticIssue[] = [];
  for (const { index, value } of list) {
    const id = value[key];
    if (typeof id !== 'string') continue;
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push({ path: [section, index, key], message: `duplicate ${what} "${id}" (already declared at ${section}[${first}])` });
    } else {
      seen.set(id, index);
    }
  }
  return issues;
}

function checkReferences(list: Entry[], section: string, declared: Set<string>, who: (entry: Entry) => string, verb = 'refers to'): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const entry of list) {
    for (const { index, value } of strings(entry.value['categories'])) {
      // Names outside the taxonomy are already reported by the schema.
      if (!declared.has(value) && isCategoryId(value)) {
        issues.push({
          path: [section, entry.index, 'categories', index],
          message: `${who(entry)} ${verb} category "${value}", which is not declared under categories`,
        });
      }
    }
  }
  return issues;
}

export function checkManifestSemantics(data: unknown): SemanticIssue[] {
  const root = asRecord(data);
  if (!root) return [];
  const categories = entries(root['categories']);
  const purposes = entries(root['purposes']);
  const retention = entries(root['retention']);
  const recipients = entries(root['recipients']);
  const cookies = entries(root['cookies']);
  const jurisdictions = entries(asRecord(root['rights'])?.['jurisdictions']);
  const declared = new Set(categories.flatMap(({ value }) => (typeof value['id'] === 'string' ? [value['id']] : [])));
  const issues: SemanticIssue[] = [
    ...checkDuplicates(categories, 'categories', 'id', 'category'),
    ...checkDuplicates(purposes, 'purposes', 'id', 'purpose id'),
    ...checkDuplicates(recipients, 'recipients', 'id', 'recipient id'),
    ...checkDuplicates(cookies, 'cookies', 'name', 'cookie'),
    ...jurisdictions.length ? checkDuplicates(jurisdictions, 'rights', 'id', 'jurisdiction').map(nestJurisdiction) : [],
    ...checkReferences(purposes, 'purposes', declared, (e) => label(e, 'id', 'purpose')),
    ...checkReferences(retention, 'retention', declared, (e) => `retention rule ${e.index + 1}`),
    ...checkReferences(recipients, 'recipients', declared, (e) => label(e, 'id', 'recipient'), 'receives'),
    ...checkReferences(cookies, 'cookies', declared, (e) => label(e, 'name', 'cookie')),
    ...checkCategoryUse(categories, purposes, retention),
    ...checkPurposeBases(purposes),
    ...checkMarketingTopics(purposes),
    ...checkSources(categories),
    ...checkAdvertising(root, cookies, purposes),
    ...checkOptOutSignals(root),
    ...checkRequestDeadlines(jurisdictions),
    ...checkLegalMinimums(retention),
  ];
  return issues;
}

function nestJurisdiction(issue: SemanticIssue): SemanticIssue {
  const [, index, key] = issue.path;
  return { path: ['rights', 'jurisdictions', index ?? 0, key ?? 'id'], message: issue.message };
}

function checkCategoryUse(categories: Entry[], purposes: Entry[], retention: Entry[]): SemanticIssue[] {
  const used = new Set(purposes.flatMap((p) => strings(p.value['categories']).map((c) => c.value)));
  const ruleFor = new Map<string, number>();
  const issues: SemanticIssue[] = [];
  for (const rule of retention) {
    for (const { index, value } of strings(rule.value['categories'])) {
      const first = ruleFor.get(value);
      if (first !== undefined && first !== rule.index) {
        issues.push({ path: ['retention', rule.index, 'categories', index], message: `category "${value}" already has a retention rule (retention[${first}]); give each category one rule` });
      } else {
        ruleFor.set(value, rule.index);
      }
    }
  }
  for (const { index, value } of categories) {
    const id = value['id'];
    if (typeof id !== 'string') continue;
    if (!used.has(id)) issues.push({ path: ['categories', index, 'id'], message: `category "${id}" is declared but no purpose uses it: add it to a purpose or remove it` });
    if (!ruleFor.has(id)) issues.push({ path: ['categories', index, 'id'], message: `category "${id}" has no retention rule: add one under retention` });
  }
  return issues;
}

/** Special-category data (a scan of a person) may only be processed on explicit consent here. */
function checkPurposeBases(purposes: Entry[]): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const purpose of purposes) {
    const basis = purpose.value['legal_basis'];
    if (basis === 'legitimate_interests' && purpose.value['legitimate_interest'] === undefined) {
      issues.push({ path: ['purposes', purpose.index, 'legal_basis'], message: `${label(purpose, 'id', 'purpose')} rests on legitimate interests: say which interest in legitimate_interest` });
    }
    const special = strings(purpose.value['categories']).find((c) => c.value === 'scan.body');
    if (special && basis !== 'consent' && typeof basis === 'string') {
      issues.push({ path: ['purposes', purpose.index, 'categories', special.index], message: `"scan.body" is special-category (biometric) data: ${label(purpose, 'id', 'purpose')} must rest on consent, not ${basis}` });
    }
  }
  return issues;
}

function checkSources(categories: Entry[]): SemanticIssue[] {
  return categories.flatMap(({ index, value }) =>
    strings(value['sources']).some((s) => s.value === 'third_parties') && value['from'] === undefined
      ? [{ path: ['categories', index, 'sources'], message: `category "${String(value['id'])}" comes from third parties: say which in from` }]
      : [],
  );
}

/** Topics are what a marketing purpose's channels carry: they need channels, and unique ids. */
function checkMarketingTopics(purposes: Entry[]): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const purpose of purposes) {
    const topics = entries(purpose.value['topics']);
    if (topics.length === 0) continue;
    if (strings(purpose.value['channels']).length === 0) {
      issues.push({ path: ['purposes', purpose.index, 'topics'], message: `${label(purpose, 'id', 'purpose')} names topics but no channels: say on which channels (email, sms, phone, post, in_app) they are sent` });
    }
    issues.push(...checkDuplicates(topics, 'topics', 'id', 'topic id').map((i) => ({ path: ['purposes', purpose.index, ...i.path], message: i.message })));
  }
  return issues;
}
