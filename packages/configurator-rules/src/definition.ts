/**
 * A configurable product as staff define it: attributes with options, rules between options, and a
 * price formula. Plain JSON, stored as it is and sent to the browser as it is.
 */

/** What an attribute changes: the look of the model (material, colour, size, parts) or an engraving. */
export type AttributeKind = 'material' | 'colour' | 'size' | 'part' | 'engraving';

export const CHOICE_KINDS = ['material', 'colour', 'size', 'part'] as const satisfies readonly AttributeKind[];

export type ProductOption = {
  key: string;
  label: string;
  /** Added to `optionsCents`, which the price formula may use. */
  priceCents: number;
  /** Material and colour: the surface colour, #rrggbb. */
  colour?: string | null;
  /** Material: 0 (plastic) to 1 (metal). */
  metalness?: number | null;
  roughness?: number | null;
  /** Size: the factor the model is scaled by. */
  scale?: number | null;
  /** Part: the vault file shown as this part; null shows no part (the part is hidden). */
  partFileId?: string | null;
};

export type ProductAttribute = {
  key: string;
  label: string;
  kind: AttributeKind;
  /** Choice kinds: the options, the first is the default. */
  options: ProductOption[];
  /** Engraving: the longest text accepted (empty text is no engraving). */
  maxLength?: number | null;
};

/** A rule holds when its logic is truthy for the selection; otherwise the selection is refused with its message. */
export type ProductRule = { key: string; message: string; logic: unknown };

export type ProductDefinition = {
  attributes: ProductAttribute[];
  rules: ProductRule[];
  /** JsonLogic giving the price in cents of one item. */
  price: unknown;
};

/** The customer's choice: attribute key → option key, or the engraving text. */
export type Selections = Record<string, string>;

/** Names the price formula and the rules may read besides the attribute keys. */
export const RESERVED_NAMES = ['optionsCents', 'engravingLength', 'scale'] as const;
