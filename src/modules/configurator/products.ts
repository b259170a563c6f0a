import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { describeModelFile } from '../files/index.js';
import { definitionOf, definitionProblems } from './check-definition.js';
import type { ConfiguratorDeps } from './configurator.deps.js';
import { configuratorErrors } from './configurator.errors.js';
import type { TProductInput } from './configurator.schema.js';
import * as store from './configurator.store.js';
import type { ConfiguratorTables, ProductRow, ProductStatus } from './configurator.tables.js';
import { presentProduct } from './present.js';

const isStaff = (principal: Principal | null) => principal?.role === 'staff' || principal?.role === 'admin';

/** Staff define a product, as a draft: checked whole (keys, options, logic, model files) before anything is stored. */
export async function defineProduct(deps: ConfiguratorDeps, principal: Principal, input: TProductInput, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    if (!isStaff(principal)) throw configuratorErrors.productNotFound();
    const model = await checkedModels(work, principal, input);
    const now = deps.now();
    const id = randomUUID();
    const row: ProductRow = { id, name: input.name, description: input.description, model_file_id: input.modelFileId, model_name: model.name, currency: deps.currency, definition: definitionOf(input), status: 'draft', created_at: now, updated_at: now };
    await store.insertProduct(tablesOf<ConfiguratorTables>(work), row);
    await work.audit({ action: 'configurator.product_defined', subjectId: null, target: { type: 'configurable_product', id } });
    return presentProduct(row);
  });
}

/** Staff change a product; configurations saved before keep their price until they are saved or ordered again. */
export async function updateProduct(deps: ConfiguratorDeps, principal: Principal, productId: string, input: TProductInput, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const found = isStaff(principal) ? await store.findProduct(db, productId) : undefined;
    if (!found) throw configuratorErrors.productNotFound();
    const model = await checkedModels(work, principal, input);
    const change = { name: input.name, description: input.description, model_file_id: input.modelFileId, model_name: model.name, definition: definitionOf(input), updated_at: deps.now() };
    await store.updateProduct(db, productId, change);
    await work.audit({ action: 'configurator.product_changed', subjectId: null, target: { type: 'configurable_product', id: productId } });
    return presentProduct({ ...found, ...change });
  });
}

/** Publishing offers a product to customers; retiring stops new configurations and orders of it. */
export async function setProductStatus(deps: ConfiguratorDeps, principal: Principal, productId: string, status: ProductStatus, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ConfiguratorTables>(work);
    const found = isStaff(principal) ? await store.findProduct(db, productId) : undefined;
    if (!found) throw configuratorErrors.productNotFound();
    const now = deps.now();
    await store.setProductStatus(db, productId, status, now);
    await work.audit({ action: 'configurator.product_status_changed', subjectId: null, target: { type: 'configurable_product', id: productId }, details: { from: found.status, to: status } });
    return presentProduct({ ...found, status, updated_at: now });
  });
}

/** The catalogue: published products for customers, every product for staff. */
export async function listProducts(deps: ConfiguratorDeps, principal: Principal) {
  return { products: (await store.listProducts(deps.db, { publishedOnly: !isStaff(principal) })).map(presentProduct) };
}

export async function getProduct(deps: ConfiguratorDeps, principal: Principal, productId: string) {
  return presentProduct(await visibleProduct(deps.db, principal, productId));
}

/** A product `principal` may see: published, or any for staff; everything else is the same 404. */
export async function visibleProduct(db: Queryable<ConfiguratorTables>, principal: Principal | null, productId: string) {
  const found = await store.findProduct(db, productId);
  if (!found || (found.status !== 'published' && !isStaff(principal))) throw configuratorErrors.productNotFound();
  return found;
}

/** The files a product draws: its base model and the models of its part options. */
export function modelFilesOf(product: Pick<ProductRow, 'model_file_id' | 'definition'>): Set<string> {
  const ids = new Set([product.model_file_id]);
  for (const a of product.definition.attributes) for (const o of a.options) if (o.partFileId) ids.add(o.partFileId);
  return ids;
}

/**
 * A model of a product as a light preview (GLB): the product must draw that file, and `principal`
 * must see the product (or hold a share link to a configuration of it, checked by the caller).
 */
export async function openProductModel(deps: ConfiguratorDeps, product: ProductRow, fileId: string) {
  if (!modelFilesOf(product).has(fileId)) throw configuratorErrors.modelNotFound();
  return deps.files.openPublishedPreview(fileId);
}

export async function openVisibleProductModel(deps: ConfiguratorDeps, principal: Principal, productId: string, fileId: string) {
  return openProductModel(deps, await visibleProduct(deps.db, principal, productId), fileId);
}

/** The definition is sound and every model it draws is a file staff may read with a preview to show. */
async function checkedModels(work: Work, principal: Principal, input: TProductInput) {
  const problems = definitionProblems(input);
  if (problems.length > 0) throw configuratorErrors.badDefinition(problems);
  const ids = modelFilesOf({ model_file_id: input.modelFileId, definition: definitionOf(input) });
  let base: { name: string } | undefined;
  for (const id of ids) {
    const file = await describeModelFile(work, principal, id);
    if (!file.hasPreview) throw configuratorErrors.modelNotReady(file.name);
    if (id === input.modelFileId) base = file;
  }
  return base ?? { name: '' };
}
