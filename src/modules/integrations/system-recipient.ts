import type { CategoryId, TManifest } from '../privacy/index.js';
import type { ConnectedSystem } from './integrations.tables.js';

/**
 * The category of what is exchanged with each kind of named system (the taxonomy has one per kind).
 * A plain webhook names no kind: only the connected systems' recipient's other categories bound it.
 */
export const SYSTEM_CATEGORIES: Partial<Record<ConnectedSystem, CategoryId>> = { erp: 'integration.erp', crm: 'integration.crm', ecommerce: 'integration.ecommerce' };

/**
 * Who a connection of this kind is under the manifest: the connected systems' recipient when it may
 * receive this kind's exchange, else a third party the manifest lets receive it (a policy may name its
 * shops and its CRMs apart, with different data each), else the connected systems' recipient again,
 * whose hand-over then refuses it. Its categories are what the connection may be sent.
 */
export function recipientFor(manifest: Pick<TManifest, 'recipients'>, configured: string, system: ConnectedSystem): { id: string; categories: readonly string[]; exchange: string | undefined } {
  const exchange = SYSTEM_CATEGORIES[system];
  const declared = manifest.recipients.find((r) => r.id === configured);
  const own = exchange && !declared?.categories.includes(exchange) ? manifest.recipients.find((r) => r.kind === 'third_party' && r.categories.includes(exchange)) : undefined;
  const chosen = own ?? declared;
  return { id: chosen?.id ?? configured, categories: chosen?.categories ?? [], exchange };
}
