export {
  defineTables,
  notPersonal,
  isPersonal,
  mergeRegistries,
  registryCategories,
  PAYMENT_INSTRUMENT_PARTS,
  type EraseStrategy,
  type PaymentInstrumentPart,
  type NotPersonal,
  type PersonalColumn,
  type RetentionClock,
  type TableEntry,
  type TableRegistry,
} from './define-tables.js';
export { categoryColumns } from './category-columns.js';
export { countStoredRows, type StoredRows } from './stored-rows.js';
export { erasedValue, isVaultBacked, VAULT_KEY_COLUMN, VAULT_OBJECT_COLUMN } from './erased-value.js';
