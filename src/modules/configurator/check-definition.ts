import { defaultSelections, evaluateConfiguration, isChoice, logicProblem, RESERVED_NAMES, type ProductDefinition } from '../../../packages/configurator-rules/src/index.js';
import type { TProductInput } from './configurator.schema.js';

/** A problem of a product definition, with the body field it is about (`rules.0.logic`), so a form can show it there. */
export type DefinitionProblem = { path: string; message: string };

/**
 * What is wrong with a product staff define, in sentences for them: repeated or reserved keys, a
 * choice without options, an engraving without a length, an option field on the wrong kind, logic
 * with an operator that is not allowed or reading a name the product does not have, and a price
 * formula that prices nothing. Empty when it may be saved.
 */
export function definitionProblems(input: TProductInput): DefinitionProblem[] {
  const found: DefinitionProblem[] = [];
  let path = '';
  // Each check below pushes its sentence; `path` says which field the checks at that point are about.
  const problems = { push: (...messages: string[]) => found.push(...messages.map((message) => ({ path, message }))) };
  const keys = new Set<string>();
  for (const [i, a] of input.attributes.entries()) {
    path = `attributes.${i}`;
    if (keys.has(a.key)) problems.push(`The attribute key "${a.key}" is used twice.`);
    if ((RESERVED_NAMES as readonly string[]).includes(a.key)) problems.push(`"${a.key}" is a name the price formula reserves; choose another attribute key.`);
    keys.add(a.key);
    if (isChoice(a)) {
      if (a.options.length === 0) problems.push(`${a.label} needs at least one option.`);
      const optionKeys = new Set(a.options.map((o) => o.key));
      if (optionKeys.size !== a.options.length) problems.push(`${a.label} has two options with the same key.`);
      if (a.maxLength) problems.push(`${a.label}: only an engraving has a maximum length.`);
      if (a.kind !== 'part' && a.options.some((o) => o.partFileId)) problems.push(`${a.label}: only a part option shows a model file.`);
      if (a.kind !== 'size' && a.options.some((o) => o.scale)) problems.push(`${a.label}: only a size option scales the model.`);
    } else {
      if (!a.maxLength) problems.push(`${a.label}: say how many characters can be engraved.`);
      if (a.options.length > 0) problems.push(`${a.label}: an engraving is free text and has no options.`);
    }
  }
  // Inside map, filter and reduce, JsonLogic names the item "" and reduce's "current" and "accumulator".
  const names = new Set<string>([...keys, ...RESERVED_NAMES, 'current', 'accumulator']);
  const ruleKeys = new Set<string>();
  for (const [i, rule] of input.rules.entries()) {
    path = `rules.${i}.key`;
    if (ruleKeys.has(rule.key)) problems.push(`The rule key "${rule.key}" is used twice.`);
    ruleKeys.add(rule.key);
    path = `rules.${i}.logic`;
    problems.push(...logicProblems(`The rule "${rule.key}"`, rule.logic, names));
  }
  path = 'price';
  problems.push(...logicProblems('The price formula', input.price, names));
  if (found.length > 0) return found;
  const definition = definitionOf(input);
  const defaults = evaluateConfiguration(definition, defaultSelections(definition));
  if (defaults.problems.some((p) => p.code === 'no_price')) problems.push('The price formula gives no price (a number of cents, at least 0) for the default choices.');
  return found;
}

export function definitionOf(input: Pick<TProductInput, 'attributes' | 'rules' | 'price'>): ProductDefinition {
  return { attributes: input.attributes, rules: input.rules, price: input.price };
}

function logicProblems(what: string, logic: unknown, names: ReadonlySet<string>): string[] {
  const problem = logicProblem(logic);
  if (problem) return [`${what} cannot be used: ${problem}.`];
  return [...variablesOf(logic)].filter((name) => !names.has(name.split('.')[0] ?? '')).map((name) => `${what} reads "${name}", which this product does not have.`);
}

/** The names a piece of JsonLogic reads with `var` (a literal name only). */
function variablesOf(logic: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(logic)) for (const item of logic) variablesOf(item, out);
  else if (logic && typeof logic === 'object') {
    for (const [operator, arg] of Object.entries(logic as Record<string, unknown>)) {
      const name: unknown = operator === 'var' ? (Array.isArray(arg) ? (arg as unknown[])[0] : arg) : undefined;
      if (typeof name === 'string' && name !== '') out.add(name);
      else variablesOf(arg, out);
    }
  }
  return out;
}
