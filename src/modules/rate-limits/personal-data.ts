import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const rateLimitsData = defineTables({
  rate_limit_counters: {
    subject: null,
    description: 'Request counters of the rate limits: a keyed hash and a count, removed when their window ends (at most an hour or so).',
    columns: {
      // A keyed hash under the installation secret, never the address itself, gone with its window:
      // it links no request to a person and cannot be reversed without the secret.
      key_hash: notPersonal,
      hits: notPersonal,
      window_ends_at: notPersonal,
    },
  },
});
