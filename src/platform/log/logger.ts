import pino, { type Logger } from 'pino';

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
