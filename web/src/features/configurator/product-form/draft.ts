/**
 * The product editor's form state and its translation to and from the server's product: numbers stay
 * the text typed until saving, and each rule is a row "when A is x, B must (not) be y" when its
 * JsonLogic has that shape, else its JsonLogic as text. The server checks the result.
 */
import type { Product, ProductInput } from '../api/configurator-api.js';

type Attribute = ProductInput['attributes'][number];
export type AttributeKind = Attribute['kind'];
export const ATTRIBUTE_KINDS: readonly AttributeKind[] = ['material', 'colour', 'size', 'part', 'engraving'];

export type OptionDraft = { key: string; label: string; price: string; colour: string; metalness: string; roughness: string; scale: string; partFileId: string };
export type AttributeDraft = { key: string; label: string; kind: AttributeKind; options: OptionDraft[]; maxLength: string };
/** `when`/`then` hold attribute and option keys; `logic` is set (as JSON text) only for a rule of another shape. */
export type RuleDraft = { key: string; message: string; when: { attribute: string; option: string }; must: boolean; then: { attribute: string; option: string }; logic: string | null };
export type ProductDraft = { name: string; description: string; modelFileId: string; attributes: AttributeDraft[]; rules: RuleDraft[]; price: string };

export const newOption = (n: number): OptionDraft => ({ key: `option_${n}`, label: '', price: '0', colour: '', metalness: '', roughness: '', scale: '', partFileId: '' });
export const newAttribute = (n: number): AttributeDraft => ({ key: `attribute_${n}`, label: '', kind: 'colour', options: [newOption(1)], maxLength: '' });
export const newRule = (n: number): RuleDraft => ({ key: `rule_${n}`, message: '', when: { attribute: '', option: '' }, must: false, then: { attribute: '', option: '' }, logic: null });

export const emptyDraft = (): ProductDraft => ({ name: '', description: '', modelFileId: '', attributes: [newAttribute(1)], rules: [], price: JSON.stringify({ '+': [2000, { var: 'optionsCents' }] }) });

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

export function draftOf(product: Product): ProductDraft {
  return {
    name: product.name,
    description: product.description ?? '',
    modelFileId: product.modelFileId,
    attributes: product.attributes.map((a) => ({
      key: a.key,
      label: a.label,
      kind: a.kind,
      maxLength: text(a.maxLength),
      options: a.options.map((o) => ({ key: o.key, label: o.label, price: text(o.priceCents), colour: o.colour ?? '', metalness: text(o.metalness), roughness: text(o.roughness), scale: text(o.scale), partFileId: o.partFileId ?? '' })),
    })),
    rules: product.rules.map(ruleDraftOf),
    price: JSON.stringify(product.price, null, 2),
  };
}

/** The input the server takes; `null` for a field whose JSON does not parse (named in `problems`). */
export function inputOf(draft: ProductDraft): { input: ProductInput; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const json = (path: string, source: string): unknown => {
    try {
      return JSON.parse(source) as unknown;
    } catch {
      problems[path] = 'This is not valid JSON.';
      return null;
    }
  };
  const input: ProductInput = {
    name: draft.name.trim(),
    description: draft.description.trim() || null,
    modelFileId: draft.modelFileId.trim(),
    attributes: draft.attributes.map((a) => ({
      key: a.key.trim(),
      label: a.label.trim(),
      kind: a.kind,
      maxLength: a.kind === 'engraving' ? numberOrNull(a.maxLength) : null,
      options: a.kind === 'engraving' ? [] : a.options.map((o) => optionInput(a.kind, o)),
    })),
    rules: draft.rules.map((r, i) => ({ key: r.key.trim(), message: r.message.trim(), logic: r.logic === null ? logicOf(r) : json(`rules.${i}.logic`, r.logic) })),
    price: json('price', draft.price),
  };
  return { input, problems };
}

function optionInput(kind: AttributeKind, o: OptionDraft) {
  return {
    key: o.key.trim(),
    label: o.label.trim(),
    priceCents: Number(o.price.trim() || '0'),
    colour: kind === 'material' || kind === 'colour' ? o.colour.trim() || null : null,
    metalness: kind === 'material' ? numberOrNull(o.metalness) : null,
    roughness: kind === 'material' ? numberOrNull(o.roughness) : null,
    scale: kind === 'size' ? numberOrNull(o.scale) : null,
    partFileId: kind === 'part' ? o.partFileId.trim() || null : null,
  };
}

/** "When A is x, B must be y" holds unless A is x and B is not y; "must not" unless both are chosen. */
function logicOf(r: RuleDraft): unknown {
  const is = (side: RuleDraft['when']) => ({ '==': [{ var: side.attribute }, side.option] });
  return r.must ? { or: [{ '!': is(r.when) }, is(r.then)] } : { '!': { and: [is(r.when), is(r.then)] } };
}

function ruleDraftOf(rule: Product['rules'][number]): RuleDraft {
  const draft: RuleDraft = { key: rule.key, message: rule.message, when: { attribute: '', option: '' }, must: false, then: { attribute: '', option: '' }, logic: null };
  const parsed = structured(rule.logic);
  return parsed ? { ...draft, ...parsed } : { ...draft, logic: JSON.stringify(rule.logic, null, 2) };
}

function structured(logic: unknown): Pick<RuleDraft, 'when' | 'must' | 'then'> | null {
  const isOf = (v: unknown) => {
    const args = (v as { '=='?: unknown } | null)?.['=='];
    if (!Array.isArray(args) || args.length !== 2) return null;
    const [variable, option] = args as [unknown, unknown];
    const attribute = (variable as { var?: unknown } | null)?.var;
    return typeof attribute === 'string' && typeof option === 'string' ? { attribute, option } : null;
  };
  const pair = (a: unknown, b: unknown, must: boolean) => {
    const when = isOf(a);
    const then = isOf(b);
    return when && then ? { when, then, must } : null;
  };
  const node = logic as Record<string, unknown> | null;
  const or = node?.or;
  if (Array.isArray(or) && or.length === 2) return pair((or[0] as Record<string, unknown> | null)?.['!'], or[1], true);
  const and = (node?.['!'] as Record<string, unknown> | null)?.and;
  if (Array.isArray(and) && and.length === 2) return pair(and[0], and[1], false);
  return null;
}

/** Moves item `from` of a list by `by` places, or leaves the list as it is at either end. */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  [copy[from], copy[to]] = [copy[to]!, copy[from]!];
  return copy;
}
