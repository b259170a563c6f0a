import type { JSONColumnType, Selectable } from 'kysely';
import type { ProductDefinition, Selections } from '../../../packages/configurator-rules/src/index.js';

export type ProductStatus = 'draft' | 'published' | 'retired';

type Json<T extends object> = JSONColumnType<T, string, string>;

export interface ConfiguratorTables {
  configurable_products: {
    id: string;
    name: string;
    description: string | null;
    /** The base model: a vault file whose preview the configurator draws. */
    model_file_id: string;
    /** The model file's name, which says how the viewer turns it upright (Z-up unless glTF). */
    model_name: string;
    /** The installation's currency when the product was defined. */
    currency: string;
    definition: Json<ProductDefinition>;
    status: ProductStatus;
    created_at: Date;
    updated_at: Date;
  };
  configurations: {
    id: string;
    product_id: string;
    customer_id: string;
    name: string;
    selections: Json<Selections>;
    /** The price of one item when saved, computed by the server from the product's formula. */
    price_cents: number;
    currency: string;
    created_at: Date;
    updated_at: Date;
  };
  configuration_shares: {
    id: string;
    configuration_id: string;
    customer_id: string;
    /** SHA-256 of the link's token: the token itself is shown once, to its owner, and never stored. */
    token_hash: string;
    created_at: Date;
    revoked_at: Date | null;
  };
  /** Each time a share link was opened: which link, what it showed, when. Nothing about who opened it. */
  configuration_share_opens: {
    id: string;
    share_id: string;
    /** The link's owner (whose configuration was seen). */
    customer_id: string;
    object: ShareOpenObject;
    /** The product model shown, for `model`. */
    file_id: string | null;
    opened_at: Date;
  };
}

export type ShareOpenObject = 'configuration' | 'model';

export type ProductRow = Selectable<ConfiguratorTables['configurable_products']>;
export type ConfigurationRow = Selectable<ConfiguratorTables['configurations']>;
export type ShareRow = Selectable<ConfiguratorTables['configuration_shares']>;
