import type { THold } from './legal-holds.schema.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';

export function holdView(row: LegalHoldsTables['legal_holds']): THold {
  return {
    id: row.id,
    reason: row.reason,
    scope: row.scope,
    scopeId: row.scope_id,
    openedAt: row.opened_at.toISOString(),
    endsOn: row.ends_on ? row.ends_on.toISOString().slice(0, 10) : null,
    releasedAt: row.released_at?.toISOString() ?? null,
  };
}
