import type { FastifySchemaCompiler } from 'fastify';
import { containsCardNumber } from '../payments/index.js';

export const CARD_NUMBER_MESSAGE = 'looks like a payment card number: we never take card numbers here (remove it; cards are paid on the payment provider’s own page)';

/** Secrets people choose or are sent (a password, a link's token) are not free text anyone reads. */
const NOT_FREE_TEXT = /password|token|secret|signature/i;
const MAX_REPORTED = 20;

/**
 * The policies promise that the full card number is never stored. Free text is where one would slip in
 * (a note "please charge my card 4242…"), so every string of every request body and query is checked at
 * the boundary, before the route's schema, and a card-number-like value is refused as a 400 naming the
 * field. Wraps the route validator compiler like `refusingNulBytes`.
 */
export function refusingCardNumbers<S>(compile: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = compile(route);
    // Path parameters and headers are ids and protocol values, never text a person typed.
    if (route.httpPart !== 'body' && route.httpPart !== 'querystring') return validate;
    return (data: unknown) => {
      const paths = pathsWithCardNumbers(data);
      if (paths.length === 0) return validate(data);
      return { error: paths.map((path) => ({ keyword: 'card_number', instancePath: `/${path.join('/')}`, schemaPath: '#', params: {}, message: CARD_NUMBER_MESSAGE })) };
    };
  };
}

/** Where `value` holds a card-number-like string, iteratively (a hostile nested body costs no stack). */
export function pathsWithCardNumbers(value: unknown): string[][] {
  const found: string[][] = [];
  const pending: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const { value: v, path } = pending.pop()!;
    if (typeof v === 'string') {
      if (containsCardNumber(v)) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], path: [...path, String(i)] });
    } else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v) && !(Symbol.asyncIterator in v)) {
      for (const [key, child] of Object.entries(v).reverse()) if (!NOT_FREE_TEXT.test(key)) pending.push({ value: child, path: [...path, key] });
    }
  }
  return found;
}
