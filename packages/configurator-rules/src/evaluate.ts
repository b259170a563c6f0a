import { CHOICE_KINDS, type ProductAttribute, type ProductDefinition, type ProductOption, type Selections } from './definition.js';
import { applyLogic, isTruthy } from './logic.js';

export type ProblemCode = 'unknown_attribute' | 'unknown_option' | 'missing_choice' | 'bad_engraving' | 'rule_broken' | 'no_price';

export type Problem = { code: ProblemCode; message: string; attribute?: string; rule?: string };

export type Evaluation = {
  /** Empty when the selection may be saved and ordered. */
  problems: Problem[];
  /** The price of one item in cents, or null when the selection has problems or the formula gives none. */
  priceCents: number | null;
  /** What the rules and the price formula read. */
  data: Record<string, unknown>;
};

/** The most one item may cost: ten million in the currency's major unit. */
export const MAX_PRICE_CENTS = 1_000_000_000;

/** Letters, digits, spaces and common punctuation: what an engraver can cut, nothing invisible. */
const ENGRAVABLE = /^[\p{L}\p{N} .,'’&!?\-+#@()/:]*$/u;

export function isChoice(attribute: ProductAttribute): boolean {
  return (CHOICE_KINDS as readonly string[]).includes(attribute.kind);
}

/** The option chosen for a choice attribute, the first when none is named. */
export function chosenOption(attribute: ProductAttribute, selections: Selections): ProductOption | undefined {
  const key = selections[attribute.key];
  return key === undefined ? attribute.options[0] : attribute.options.find((o) => o.key === key);
}

/** A full selection: every choice attribute's default where the customer chose nothing, engravings empty. */
export function defaultSelections(definition: ProductDefinition): Selections {
  const out: Selections = {};
  for (const a of definition.attributes) out[a.key] = isChoice(a) ? (a.options[0]?.key ?? '') : '';
  return out;
}

/** Why an engraving text is refused, or null. */
export function engravingProblem(attribute: ProductAttribute, text: string): string | null {
  const max = attribute.maxLength ?? 0;
  if (text !== text.trim()) return `${attribute.label}: no spaces at the start or end.`;
  if ([...text].length > max) return `${attribute.label}: at most ${max} characters.`;
  if (!ENGRAVABLE.test(text)) return `${attribute.label}: only letters, digits, spaces and simple punctuation can be engraved.`;
  return null;
}

/**
 * Checks a selection against a product and prices it: every attribute named must exist, every option
 * chosen must be one of its options, engravings must be text an engraver can cut, and every rule must
 * hold. The price formula runs only on a selection without problems.
 */
export function evaluateConfiguration(definition: ProductDefinition, selections: Selections): Evaluation {
  const problems: Problem[] = [];
  const known = new Map(definition.attributes.map((a) => [a.key, a]));
  for (const key of Object.keys(selections)) {
    if (!known.has(key)) problems.push({ code: 'unknown_attribute', attribute: key, message: `This product has no attribute "${key}".` });
  }
  const data: Record<string, unknown> = {};
  let optionsCents = 0;
  let engravingLength = 0;
  let scale = 1;
  for (const attribute of definition.attributes) {
    if (isChoice(attribute)) {
      const option = chosenOption(attribute, selections);
      if (!option) {
        const named = selections[attribute.key];
        problems.push(
          named === undefined
            ? { code: 'missing_choice', attribute: attribute.key, message: `Choose a ${attribute.label.toLowerCase()}.` }
            : { code: 'unknown_option', attribute: attribute.key, message: `${attribute.label}: "${named}" is not one of the options.` },
        );
        continue;
      }
      data[attribute.key] = option.key;
      optionsCents += option.priceCents;
      if (attribute.kind === 'size' && option.scale) scale *= option.scale;
    } else {
      const text = selections[attribute.key] ?? '';
      const problem = engravingProblem(attribute, text);
      if (problem) problems.push({ code: 'bad_engraving', attribute: attribute.key, message: problem });
      data[attribute.key] = text;
      engravingLength += [...text].length;
    }
  }
  Object.assign(data, { optionsCents, engravingLength, scale });
  if (problems.length > 0) return { problems, priceCents: null, data };
  for (const rule of definition.rules) {
    if (!isTruthy(applyLogic(rule.logic, data))) problems.push({ code: 'rule_broken', rule: rule.key, message: rule.message });
  }
  if (problems.length > 0) return { problems, priceCents: null, data };
  const price = Number(applyLogic(definition.price, data));
  if (!Number.isFinite(price) || price < 0 || price > MAX_PRICE_CENTS) {
    return { problems: [{ code: 'no_price', message: 'The price formula gives no price for this selection; please tell us.' }], priceCents: null, data };
  }
  return { problems, priceCents: Math.round(price), data };
}
