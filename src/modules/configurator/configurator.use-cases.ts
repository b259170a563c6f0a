import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import type { ConfiguratorDeps } from './configurator.deps.js';
import { deleteConfiguration, getConfiguration, listConfigurations, priceSelection, saveConfiguration, updateConfiguration } from './configurations.js';
import { orderConfiguration } from './order-configuration.js';
import { defineProduct, getProduct, listProducts, openVisibleProductModel, setProductStatus, updateProduct } from './products.js';
import { createShare, listShareOpens, listShares, openShared, openSharedModel, revokeShare } from './share-links.js';

/** The configurator's use-cases; the app binds them once (`app.services.configurator`). */
export const configuratorUseCases = {
  defineProduct,
  updateProduct,
  setProductStatus,
  listProducts,
  getProduct,
  openProductModel: openVisibleProductModel,
  price: priceSelection,
  save: saveConfiguration,
  update: updateConfiguration,
  list: listConfigurations,
  get: getConfiguration,
  delete: deleteConfiguration,
  createShare,
  listShares,
  listShareOpens,
  revokeShare,
  openShared,
  openSharedModel,
  order: orderConfiguration,
};
export type ConfiguratorService = BoundUseCases<ConfiguratorDeps, typeof configuratorUseCases>;
