import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { chosenOption, isChoice, type ProductDefinition, type Selections } from '../../../packages/configurator-rules/src/index.js';
import type { ConfiguratorDeps } from './configurator.deps.js';
import type { TOrderConfiguration } from './configurator.schema.js';
import { orderableProduct, ownConfiguration, pricedSelection } from './configurations.js';

/**
 * The owner orders a saved configuration: its product must still be offered and the choices must
 * still pass its rules, priced again by the product's formula as it is now. The order is placed by
 * the orders module in the same work, with its tax, addresses, confirmation and payment providers.
 */
export async function orderConfiguration(deps: ConfiguratorDeps, principal: Principal, configurationId: string, input: TOrderConfiguration, ctx: RequestContext) {
  await deps.assertOrdersOn();
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const configuration = await ownConfiguration(work, principal, configurationId);
    const product = await orderableProduct(work, principal, configuration.product_id);
    const unitCents = pricedSelection(product, configuration.selections);
    const order = await deps.orders.placeConfigured(work, principal, {
      configurationId: configuration.id,
      currency: product.currency,
      lines: [{ description: `${product.name} (${configuration.name}): ${describeSelections(product.definition, configuration.selections)}`, quantity: input.quantity, unitCents, lineCents: unitCents * input.quantity }],
      billingAddress: input.billingAddress,
      shippingAddress: input.shippingAddress,
      notes: input.notes,
      saveAddresses: input.saveAddresses,
    });
    return { orderId: order.id };
  });
}

/** "Material: Steel, Size: XL, Engraving: “Ada”": what an order line says was chosen. */
export function describeSelections(definition: ProductDefinition, selections: Selections): string {
  return definition.attributes
    .map((a) => {
      if (isChoice(a)) return `${a.label}: ${chosenOption(a, selections)?.label ?? '?'}`;
      const text = selections[a.key] ?? '';
      return text ? `${a.label}: “${text}”` : null;
    })
    .filter((part): part is string => part !== null)
    .join(', ');
}
