import * as jsonLogicModule from 'json-logic-js';

type JsonLogic = typeof jsonLogicModule;
// json-logic-js is CommonJS: Node hands it over as the default export, bundlers as the namespace.
const jsonLogic: JsonLogic = (jsonLogicModule as unknown as { default?: JsonLogic }).default ?? jsonLogicModule;

/**
 * The JsonLogic operators a rule or a price may use. Left out: `method` (calls a method of a value,
 * the one way JsonLogic reaches code) and `log` (writes to the console).
 */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'merge',
  'map', 'filter', 'reduce', 'all', 'none', 'some',
]);

const MAX_DEPTH = 32;
const MAX_NODES = 2000;

/** Why a piece of JsonLogic may not be used (an unknown operator, too deep, too big), or null when it may. */
export function logicProblem(logic: unknown): string | null {
  let nodes = 0;
  const visit = (value: unknown, depth: number): string | null => {
    if (++nodes > MAX_NODES) return `it has more than ${MAX_NODES} parts`;
    if (depth > MAX_DEPTH) return `it nests deeper than ${MAX_DEPTH} levels`;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? null : 'it holds a number that is not finite';
    if (Array.isArray(value)) {
      for (const item of value) {
        const problem = visit(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (typeof value !== 'object') return 'it holds something that is not JSON';
    const keys = Object.keys(value);
    if (keys.length !== 1) return 'an operation must be an object with exactly one operator';
    const operator = keys[0] ?? '';
    if (!ALLOWED_OPERATORS.has(operator)) return `the operator "${operator}" is not allowed`;
    if (operator === 'var') {
      const arg = (value as Record<string, unknown>)[operator];
      const name: unknown = Array.isArray(arg) ? (arg as unknown[])[0] : arg;
      if (typeof name === 'string' && /(^|\.)(__proto__|constructor|prototype)(\.|$)/.test(name)) return `the variable "${name}" is not allowed`;
    }
    return visit((value as Record<string, unknown>)[operator], depth + 1);
  };
  return visit(logic, 0);
}

/** Applies JsonLogic checked by `logicProblem`; throws on logic that was not. */
export function applyLogic(logic: unknown, data: Record<string, unknown>): unknown {
  const problem = logicProblem(logic);
  if (problem) throw new Error(`This logic cannot be used: ${problem}.`);
  return jsonLogic.apply(logic as Parameters<JsonLogic['apply']>[0], data);
}

/** JsonLogic's own truthiness (an empty array is false), so rules read as the JsonLogic docs say. */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
