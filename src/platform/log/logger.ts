import pino, { type Logger } from 'pino';
import { maskCardNumbers } from '../payments/index.js';

export type { Logger };

/**
 * Paths pino censors wherever they appear. Personal data must not reach logs; this is the net under
 * the rule, not the rule itself: code logs ids, never names, e-mails, addresses or request bodies.
 */
export const REDACTED_PATHS = [
  // Database errors carry the statement's parameters, which are often personal values.
  'err.params',
  'err.parameters',
  'err.detail',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.email',
  '*.password',
  '*.name',
  '*.phone',
  '*.token',
  '*.ip',
  'email',
  'password',
  'token',
  'ip',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: undefined,
      // A card number must not reach a log even where a path above misses it (a message, an error text).
      formatters: { log: (object) => maskCardsDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskCardNumbers(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          // Query strings can carry tokens (verification links); keep only the path.
          url: req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    destination,
  );
}

/**
 * Where a command-line run logs: standard error, so a command's own output (JSON, CSV, a report)
 * on standard output stays clean for a pipe. Synchronous: a short command must not lose its last lines.
 */
export function stderrDestination(): pino.DestinationStream {
  return pino.destination({ fd: 2, sync: true });
}

/** `value` with card-number-like strings masked, copied only where something changed; bounded depth. */
export function maskCardsDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskCardNumbers(value);
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) {
    const masked = maskCardNumbers(value.message);
    if (masked === value.message) return value;
    return { type: value.name, message: masked, stack: value.stack ? maskCardNumbers(value.stack) : undefined };
  }
  if (Array.isArray(value)) {
    const out = value.map((v) => maskCardsDeep(v, depth + 1));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const m = maskCardsDeep(v, depth + 1);
    if (m !== v) changed = true;
    out[k] = m;
  }
  return changed ? out : value;
}
