import { z } from 'zod';
import { ZAddressInput } from '../orders/index.js';
import { MAX_PRICE_CENTS } from '../../../packages/configurator-rules/src/index.js';

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower-case letters, digits and _, starting with a letter (at most 40)');
const colour = z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour such as #c0c0c0');

export const ZProductOption = z.object({
  key,
  label: line(80),
  priceCents: z.int().min(0).max(MAX_PRICE_CENTS).default(0),
  colour: colour.nullish(),
  metalness: z.number().min(0).max(1).nullish(),
  roughness: z.number().min(0).max(1).nullish(),
  scale: z.number().min(0.1).max(10).nullish(),
  partFileId: z.uuid().nullish(),
});

export const ZProductAttribute = z.object({
  key,
  label: line(80),
  kind: z.enum(['material', 'colour', 'size', 'part', 'engraving']),
  options: z.array(ZProductOption).max(50).default([]),
  maxLength: z.int().min(1).max(200).nullish(),
});

/** JsonLogic: checked against the allowed operators when the product is saved. */
const ZLogic = z.unknown().refine((v) => v !== undefined, 'is required');

export const ZProductRule = z.object({ key, message: line(300), logic: ZLogic });

export const ZProductInput = z.object({
  name: line(120),
  description: z.string().trim().max(2000).nullish().transform((v) => v || null),
  modelFileId: z.uuid(),
  attributes: z.array(ZProductAttribute).min(1).max(30),
  rules: z.array(ZProductRule).max(100).default([]),
  price: ZLogic,
});
export type TProductInput = z.infer<typeof ZProductInput>;

export const ZProductStatusChange = z.object({ status: z.enum(['draft', 'published', 'retired']) });

export const ZProduct = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  modelFileId: z.uuid(),
  modelName: z.string(),
  currency: z.string(),
  status: z.enum(['draft', 'published', 'retired']),
  attributes: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(['material', 'colour', 'size', 'part', 'engraving']),
      options: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          priceCents: z.number(),
          colour: z.string().nullish(),
          metalness: z.number().nullish(),
          roughness: z.number().nullish(),
          scale: z.number().nullish(),
          partFileId: z.string().nullish(),
        }),
      ),
      maxLength: z.number().nullish(),
    }),
  ),
  rules: z.array(z.object({ key: z.string(), message: z.string(), logic: z.unknown() })),
  price: z.unknown(),
  updatedAt: z.date(),
});

/** attribute key → option key, or the engraving text. */
export const ZSelections = z.record(z.string().max(40), z.string().max(400)).refine((s) => Object.keys(s).length <= 30, 'at most 30 attributes');

export const ZPriceRequest = z.object({ selections: ZSelections });
export const ZPrice = z.object({ priceCents: z.number(), currency: z.string() });

export const ZSaveConfiguration = z.object({ productId: z.uuid(), name: line(120), selections: ZSelections });
export type TSaveConfiguration = z.infer<typeof ZSaveConfiguration>;
export const ZUpdateConfiguration = z.object({ name: line(120), selections: ZSelections });
export type TUpdateConfiguration = z.infer<typeof ZUpdateConfiguration>;

export const ZConfiguration = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  name: z.string(),
  selections: z.record(z.string(), z.string()),
  priceCents: z.number(),
  currency: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

/** A link as its owner sees it: when made and revoked, and how often its page was opened (each open, and each model it loads, is recorded and audited). */
export const ZShare = z.object({ id: z.uuid(), createdAt: z.date(), revokedAt: z.date().nullable(), opens: z.int(), lastOpenedAt: z.date().nullable() });
/** One open of a link: what it showed (the configuration, or a model of its product) and when; nothing about who opened it. */
export const ZShareOpen = z.object({ object: z.enum(['configuration', 'model']), fileId: z.uuid().nullable(), openedAt: z.date() });
/** Only when it is made: the link with its token, which is never stored. */
export const ZNewShare = ZShare.extend({ url: z.string(), token: z.string() });

export const ZSharedConfiguration = z.object({
  configuration: ZConfiguration.omit({ createdAt: true }),
  product: ZProduct,
});

export const ZOrderConfiguration = z.object({
  quantity: z.int().min(1).max(1000).default(1),
  billingAddress: ZAddressInput,
  shippingAddress: ZAddressInput.optional(),
  notes: z.string().trim().max(2000).nullish().transform((v) => v || null),
  saveAddresses: z.boolean().default(true),
});
export type TOrderConfiguration = z.infer<typeof ZOrderConfiguration>;
