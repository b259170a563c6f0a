/**
 * The price and what stands in its way. The browser evaluates the product's rules and formula itself
 * (the same code as the server) for an answer at once; the server's price, the one that counts, replaces
 * it as soon as it arrives. Problems are listed, never hidden: the server would refuse them anyway.
 */
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api/api-error.js';
import { formatMoney } from '../../../lib/format.js';
import { evaluateConfiguration, type ProductDefinition } from '../../../../../packages/configurator-rules/src/index.js';
import { priceQuery, type Product, type Selections } from '../api/configurator-api.js';

export function definitionOf(product: Product): ProductDefinition {
  return { attributes: product.attributes, rules: product.rules, price: product.price };
}

export function useEvaluation(product: Product, selections: Selections) {
  return evaluateConfiguration(definitionOf(product), selections);
}

export function PriceBox({ product, selections, askServer = true }: { product: Product; selections: Selections; askServer?: boolean }) {
  const local = useEvaluation(product, selections);
  const server = useQuery({ ...priceQuery(product.id, selections), enabled: askServer && local.problems.length === 0 });
  const refused = server.error && isApiError(server.error) ? server.error.message : null;
  const cents = local.problems.length > 0 ? null : (server.data?.priceCents ?? local.priceCents);
  const confirmed = !askServer || server.data !== undefined;
  return (
    <div className="price-box" aria-live="polite" data-price-cents={cents ?? ''} data-confirmed={confirmed && cents !== null ? 'yes' : 'no'}>
      {local.problems.length > 0 ? (
        <div role="alert" className="notice notice-warning">
          <p>
            <strong>This combination cannot be made:</strong>
          </p>
          <ul>
            {local.problems.map((p) => (
              <li key={`${p.code}-${p.rule ?? p.attribute ?? ''}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : refused ? (
        <p role="alert" className="field-error">
          {refused}
        </p>
      ) : (
        <p className="price">
          <span className="muted">Price per item</span> <strong>{cents === null ? '—' : formatMoney(cents, product.currency)}</strong>
          {confirmed ? null : <span className="muted small"> (checking…)</span>}
        </p>
      )}
      <p className="muted small">Taxes are added when you order.</p>
    </div>
  );
}
