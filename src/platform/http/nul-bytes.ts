import type { FastifySchemaCompiler } from 'fastify';

export const NUL_MESSAGE = 'must not contain a NUL character';

/** Found ones are reported up to this many: enough to fix a form, bounded for a hostile body. */
const MAX_REPORTED = 20;

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: such a value would fail deep inside a query and
 * answer 500. No field of Meshvault has a use for it, so one rule at the boundary refuses it in every
 * part of every request, as a 400 naming the field. Wraps the route validator compiler, so it runs
 * before the schema (whose transforms could otherwise hide where the value came from).
 */
export function refusingNulBytes<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = compile(route);
    return (data: unknown) => {
      const paths = pathsWithNul(data);
      if (paths.length === 0) return validate(data);
      return { error: paths.map((path) => ({ keyword: 'nul', instancePath: `/${path.join('/')}`, schemaPath: '#', params: {}, message: NUL_MESSAGE })) };
    };
  };
}

type Step = { value: unknown; key: string; parent: Step | null; inKey?: true };

/**
 * Where `value` holds a NUL in a string or a key, in document order. Iterative, and each step points
 * to its parent instead of copying its path, so a hostile, deeply nested body costs linear time and no stack.
 */
export function pathsWithNul(value: unknown): string[][] {
  const found: string[][] = [];
  const pending: Step[] = [{ value, key: '', parent: null }];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const step = pending.pop()!;
    const v = step.value;
    if (step.inKey || (typeof v === 'string' && v.includes('\u0000'))) {
      found.push(pathOf(step));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], key: String(i), parent: step });
    } else if (isParsedObject(v)) {
      for (const [key, child] of Object.entries(v).reverse()) {
        if (key.includes('\u0000')) pending.push({ value: child, key: key.replaceAll('\u0000', '\\u0000'), parent: step, inKey: true });
        else pending.push({ value: child, key, parent: step });
      }
    }
  }
  return found;
}

function pathOf(step: Step): string[] {
  const path: string[] = [];
  for (let s: Step | null = step; s?.parent; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * Parsed JSON, query strings (whose objects have a bare prototype of their own) and headers; a stream
 * or Buffer body is not text to look into.
 */
function isParsedObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}
