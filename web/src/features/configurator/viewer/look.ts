/**
 * What a selection looks like: the surface (colour, metal or not), the size and which parts show.
 * Read from the product's options, so the view follows the same definition the server prices.
 */
import { chosenOption, type ProductDefinition, type Selections } from '../../../../../packages/configurator-rules/src/index.js';
import { MODEL_LOOK } from '../../../lib/viewer/model-look.js';

export type Look = { colour: string; metalness: number; roughness: number; scale: number; parts: string[] };

export function lookOf(definition: ProductDefinition, selections: Selections): Look {
  const look: Look = { colour: MODEL_LOOK.colour, metalness: MODEL_LOOK.metalness, roughness: MODEL_LOOK.roughness, scale: 1, parts: [] };
  let colourChosen = false;
  for (const attribute of definition.attributes) {
    const option = attribute.kind === 'engraving' ? undefined : chosenOption(attribute, selections);
    if (!option) continue;
    switch (attribute.kind) {
      case 'material':
        if (option.colour && !colourChosen) look.colour = option.colour;
        if (option.metalness != null) look.metalness = option.metalness;
        if (option.roughness != null) look.roughness = option.roughness;
        break;
      case 'colour':
        if (option.colour) {
          look.colour = option.colour;
          colourChosen = true;
        }
        break;
      case 'size':
        if (option.scale) look.scale *= option.scale;
        break;
      case 'part':
        if (option.partFileId) look.parts.push(option.partFileId);
        break;
      case 'engraving':
        break;
    }
  }
  look.parts.sort();
  return look;
}

/** Every part file a product can show, and the largest size it can take: the view is framed for both. */
export function extentsOf(definition: ProductDefinition): { partFiles: string[]; maxScale: number } {
  const partFiles = new Set<string>();
  let maxScale = 1;
  for (const a of definition.attributes) {
    for (const o of a.options) if (a.kind === 'part' && o.partFileId) partFiles.add(o.partFileId);
    if (a.kind === 'size') maxScale *= Math.max(1, ...a.options.map((o) => o.scale ?? 1));
  }
  return { partFiles: [...partFiles], maxScale };
}

/** The look as the viewer writes it on its element, for people's tools and the browser tests. */
export function describeLook(look: Look): string {
  return `colour=${look.colour};metalness=${look.metalness};scale=${look.scale};parts=${look.parts.join(',')}`;
}
