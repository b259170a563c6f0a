import { defineTables, notPersonal } from '../../platform/registry/index.js';

const configuration = { category: 'configuration', erase: 'delete-row' } as const;

export const configuratorData = defineTables({
  configurable_products: {
    subject: null,
    description: 'The configurable products staff define: their model, attributes, options, rules and price formula.',
    columns: {
      id: notPersonal,
      name: notPersonal,
      description: notPersonal,
      model_file_id: notPersonal,
      model_name: notPersonal,
      currency: notPersonal,
      definition: notPersonal,
      status: notPersonal,
      created_at: notPersonal,
      updated_at: notPersonal,
    },
  },
  configurations: {
    subject: 'customer_id',
    retentionStart: 'updated_at',
    description: 'The product configurations you saved: which product, your choices (material, colour, size, parts, engraving text) and their price.',
    columns: {
      id: notPersonal,
      product_id: notPersonal,
      customer_id: { category: 'account.id', erase: 'delete-row' },
      name: configuration,
      selections: configuration,
      price_cents: configuration,
      currency: configuration,
      created_at: notPersonal,
      updated_at: notPersonal,
    },
  },
  configuration_shares: {
    subject: 'customer_id',
    retentionStart: 'created_at',
    description: 'The read-only links you made to show a configuration to others, and when you revoked them.',
    columns: {
      id: notPersonal,
      configuration_id: notPersonal,
      customer_id: { category: 'account.id', erase: 'delete-row' },
      token_hash: { ...configuration, export: false },
      created_at: notPersonal,
      revoked_at: configuration,
    },
  },
  configuration_share_opens: {
    subject: 'customer_id',
    retentionStart: 'opened_at',
    description: 'When each of your share links was opened and what it showed (the configuration or a model), without anything about who opened it.',
    columns: {
      id: notPersonal,
      share_id: notPersonal,
      customer_id: { category: 'account.id', erase: 'delete-row' },
      object: configuration,
      file_id: notPersonal,
      opened_at: configuration,
    },
  },
});
