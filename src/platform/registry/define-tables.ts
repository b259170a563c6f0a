/**
 * The registry: what each module stores about people. Every module's `personal-data.ts` calls
 * `defineTables` for the tables it owns; export, erasure, retention and the conformance test walk
 * these entries — nobody keeps a hand-written list of tables elsewhere.
 */

/** What erasure does to a column when the person it belongs to is erased. */
export type EraseStrategy =
  /** The whole row goes (applies to the row; any column may say so). */
  | 'delete-row'
  /** Set to NULL; the row stays for others (e.g. a shared project's history). */
  | 'null'
  /** Replace with a non-identifying value of the same type (see `anonymiseWith`). */
  | 'anonymise'
  /** Kept because of a legal duty until the category's retention ends (e.g. invoices). */
  | 'keep-legal-duty'
  /** An id or timestamp that identifies nothing once the rest of the row is erased. */
  | 'keep-with-row';

export type PersonalColumn = {
  /** A category of the taxonomy; the active manifest must declare it. */
  category: string;
  erase: EraseStrategy;
  /** Exported to the person in their data export (default true). Secrets like password hashes are not. */
  export?: boolean;
  /** For 'anonymise': the value written instead. */
  anonymiseWith?: string | number | boolean | null;
  /** Why a value is kept after erasure, shown on the erasure certificate. */
  keepReason?: string;
  /**
   * An optional field: asked and stored only while the active manifest declares its category (a phone
   * number, a job title). Otherwise the column stays empty, and its category is not required.
   */
  onlyIfDeclared?: true;
  /**
   * For a payment-instrument column, which harmless part of it the column holds: the provider's token,
   * the card brand, or the last four digits. A registry test refuses a payment-instrument column without
   * it, so no column can be declared to hold a full card number.
   */
  instrument?: PaymentInstrumentPart;
};

export const PAYMENT_INSTRUMENT_PARTS = ['token', 'brand', 'last4'] as const;
export type PaymentInstrumentPart = (typeof PAYMENT_INSTRUMENT_PARTS)[number];

export const notPersonal = { notPersonal: true } as const;
export type NotPersonal = typeof notPersonal;

export type TableEntry = {
  /** The column naming whose data a row is (a user id), or null for rows about no one person. */
  subject: string | null;
  /** Other columns that may also point at a person (e.g. `actor_id` on audit rows). */
  alsoSubjects?: string[];
  /** The column whose time starts the retention clock of the row's categories. */
  retentionStart?: string;
  /**
   * Clocks for particular starting events of the manifest (`starts_on`), where the row's own
   * `retentionStart` is not that event: a column of this table, or `{ via: column }` — the clock of
   * the row that foreign key points to for the same event (a project's files run from the project's
   * completion). An event not named here runs from `retentionStart`.
   */
  retentionClocks?: Record<string, RetentionClock>;
  /**
   * The module that removes this table's expired rows itself, because a generic delete would break
   * it (the audit chain is append-only and hash-chained). The retention engine plans these rows and
   * reports them, but leaves them to that module.
   */
  retentionEnforcedBy?: string;
  /** Why this table holds personal data, in plain words for the dashboard. */
  description: string;
  columns: Record<string, PersonalColumn | NotPersonal>;
};

/** A clock of another event: a column of the table, or the clock of the row a foreign key points to. */
export type RetentionClock = string | { via: string };

export type TableRegistry = Record<string, TableEntry>;

export function defineTables<T extends TableRegistry>(tables: T): T {
  return tables;
}

export function isPersonal(column: PersonalColumn | NotPersonal): column is PersonalColumn {
  return !('notPersonal' in column);
}

/** Merges each module's entries; a table claimed twice is a programming error. */
export function mergeRegistries(...registries: TableRegistry[]): TableRegistry {
  const merged: TableRegistry = {};
  for (const registry of registries) {
    for (const [table, entry] of Object.entries(registry)) {
      if (merged[table]) throw new Error(`Table ${table} is declared by two personal-data.ts files.`);
      merged[table] = entry;
    }
  }
  return merged;
}

/** Every category a registry uses, for the check against the active manifest. */
export function registryCategories(registry: TableRegistry): Set<string> {
  const categories = new Set<string>();
  for (const entry of Object.values(registry)) {
    for (const column of Object.values(entry.columns)) if (isPersonal(column)) categories.add(column.category);
  }
  return categories;
}
