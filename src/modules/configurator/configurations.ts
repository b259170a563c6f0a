import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findOrganisationOfUser } from '../orgs/index.js';
import { evaluateConfiguration, type Selections } from '../../../packages/configurator-rules/src/index.js';
import type { ConfiguratorDeps } from './configurator.deps.js';
import { configuratorErrors } from './configurator.errors.js';
import type { TSaveConfiguration, TUpdateConfiguration } from './configurator.schema.js';
import * as store from './configurator.store.js';
import type { ConfigurationRow, ConfiguratorTables, ProductRow } from './configurator.tables.js';
import { presentConfiguration } from './present.js';
import { visibleProduct } from './products.js';

/**
 * The server's answer for a selection, the authority the browser's own evaluation only previews: the
 * price of one item, or a refusal naming every problem (unknown option, bad engraving, broken rule).
 */
export function pricedSelection(product: ProductRow, selections: Selections): number {
  const evaluation = evaluateConfiguration(product.definition, selections);
  if (evaluation.problems.length > 0 || evaluation.priceCents === null) throw configuratorErrors.refused(evaluation.problems);
  return evaluation.priceCents;
}

export async function priceSelection(deps: ConfiguratorDeps, principal: Principal, productId: string, selections: Selections) {
  const product = await visibleProduct(deps.db, principal, productId);
  return { priceCents: pricedSelection(product, selections), currency: product.currency };
}

/** Saves a selection of a published product as the person's configuration, refused whole when it is not valid. */
export async function saveConfiguration(deps: ConfiguratorDeps, principal: Principal, input: TSaveConfiguration, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const product = await orderableProduct(work, principal, input.productId);
    const priceCents = pricedSelection(product, input.selections);
    const now = deps.now();
    const row: ConfigurationRow = { id: randomUUID(), product_id: product.id, customer_id: principal.userId, name: input.name, selections: input.selections, price_cents: priceCents, currency: product.currency, created_at: now, updated_at: now };
    await store.insertConfiguration(db, row);
    await recordSaved(work, row, 'configurator.configuration_saved');
    return presentConfiguration(row, product.name);
  });
}

export async function updateConfiguration(deps: ConfiguratorDeps, principal: Principal, configurationId: string, input: TUpdateConfiguration, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const found = await ownConfiguration(work, principal, configurationId);
    const product = await orderableProduct(work, principal, found.product_id);
    const priceCents = pricedSelection(product, input.selections);
    const change = { name: input.name, selections: input.selections, price_cents: priceCents, currency: product.currency, updated_at: deps.now() };
    await store.updateConfiguration(db, found.id, change);
    const row = { ...found, ...change };
    await recordSaved(work, row, 'configurator.configuration_changed');
    return presentConfiguration(row, product.name);
  });
}

export async function listConfigurations(deps: ConfiguratorDeps, principal: Principal) {
  return { configurations: (await store.listConfigurationsOf(deps.db, principal.userId)).map((c) => presentConfiguration(c, c.product_name)) };
}

export async function getConfiguration(deps: ConfiguratorDeps, principal: Principal, configurationId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const found = await ownConfiguration(work, principal, configurationId);
    const product = await store.findProduct(tablesOf<ConfiguratorTables>(work), found.product_id);
    return presentConfiguration(found, product?.name ?? '');
  });
}

/** Deleting a configuration deletes its share links with it; orders of it keep their own copy of the lines. */
export async function deleteConfiguration(deps: ConfiguratorDeps, principal: Principal, configurationId: string, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const found = await ownConfiguration(work, principal, configurationId);
    await store.deleteConfiguration(tablesOf<ConfiguratorTables>(work), found.id);
    await work.audit({ action: 'configurator.configuration_deleted', subjectId: found.customer_id, target: { type: 'configuration', id: found.id } });
  });
}

/** A configuration is its owner's alone: anyone else, staff included, gets the 404 of an unknown one. */
export async function ownConfiguration(work: Work, principal: Principal, configurationId: string) {
  const found = await store.findConfiguration(tablesOf<ConfiguratorTables>(work), configurationId);
  if (!found || found.customer_id !== principal.userId) throw configuratorErrors.configurationNotFound();
  return found;
}

/** A product one may save or order a configuration of: visible, and published (a retired one is seen by staff, but not sold). */
export async function orderableProduct(work: Work, principal: Principal, productId: string) {
  const product = await visibleProduct(tablesOf<ConfiguratorTables>(work), principal, productId);
  if (product.status !== 'published') throw configuratorErrors.notPublished();
  return product;
}

/** Audited, and stated as a domain event for whoever the app lets listen (integrations), in the same work. */
async function recordSaved(work: Work, row: ConfigurationRow, action: string) {
  await work.audit({ action, subjectId: row.customer_id, target: { type: 'configuration', id: row.id }, details: { productId: row.product_id, priceCents: row.price_cents, currency: row.currency } });
  const organisation = await findOrganisationOfUser(work, row.customer_id);
  await work.publish({
    type: 'configuration.saved',
    subjectId: row.customer_id,
    organisationId: organisation?.orgId ?? null,
    record: { table: 'configurations', id: row.id, fields: { product_id: row.product_id, name: row.name, selections: row.selections, price_cents: row.price_cents, currency: row.currency } },
  });
}
