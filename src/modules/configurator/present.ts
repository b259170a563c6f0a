import type { ConfigurationRow, ProductRow } from './configurator.tables.js';

export function presentProduct(p: ProductRow) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    modelFileId: p.model_file_id,
    modelName: p.model_name,
    currency: p.currency,
    status: p.status,
    attributes: p.definition.attributes,
    rules: p.definition.rules,
    price: p.definition.price,
    updatedAt: p.updated_at,
  };
}

export function presentConfiguration(c: ConfigurationRow, productName: string) {
  return {
    id: c.id,
    productId: c.product_id,
    productName,
    name: c.name,
    selections: c.selections,
    priceCents: Number(c.price_cents),
    currency: c.currency,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}
