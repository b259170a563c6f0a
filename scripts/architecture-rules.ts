import type { IFlattenedRuleSet } from 'dependency-cruiser';

/**
 * The import rules that keep the module graph one-way (docs/ARCHITECTURE.md says why). Paths are
 * matched against files relative to the repository root; `$1` is the first group of `from.path`.
 */
const TESTS = '(\\.test\\.tsx?$|-test-support\\.ts$|^src/test-support/)';

export const architectureRules: IFlattenedRuleSet = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files must not import each other in a circle: split the shared part into a file both use.',
      severity: 'error',
      from: { path: '^(src|web/src)/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      comment: 'src/platform has no domain knowledge: it imports nothing from modules, the app, the CLI or the server.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: TESTS },
      to: { path: '^src/(modules|cli|server|app\\.ts|registry\\.ts|database\\.ts)' },
    },
    {
      name: 'module-through-index',
      comment: "A module uses another only through that module's index.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'store-only-queries',
      comment: 'A store holds the queries: it calls no use-case, route or job.',
      severity: 'error',
      from: { path: '\\.store\\.ts$' },
      to: { path: '\\.(service|routes|jobs)\\.ts$' },
    },
    {
      name: 'one-way-out',
      comment:
        'Personal data leaves the installation only through the egress module (handOver) and the mail outbox, whose delivery it gates: no other module opens a network client or an SMTP transport (docs/ARCHITECTURE.md, "The one egress point").',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: ['^src/modules/egress/', TESTS] },
      to: { path: '^(node:)?(http|https|http2|net|tls|dgram)$|(^|/)node_modules/(nodemailer|undici|axios|got|node-fetch|ky)/|^src/platform/mail/mail-transport\\.ts$' },
    },
    {
      name: 'web-feature-isolated',
      comment: 'A web feature does not import another feature: move what they share to web/src/lib or web/src/components.',
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: '^web/src/features/', pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'web-not-server',
      comment: 'The web app learns the server only through the generated API types, never by importing server code.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/' },
    },
  ],
};
