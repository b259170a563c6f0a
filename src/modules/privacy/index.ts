export {
  defineTables,
  notPersonal,
  isPersonal,
  mergeRegistries,
  registryCategories,
  type EraseStrategy,
  type PersonalColumn,
  type TableEntry,
  type TableRegistry,
} from './registry/define-tables.js';
