import { defineTables } from '../../platform/registry/index.js';

/**
 * subject-data owns no tables: its store reads the tables every other module's personal-data.ts
 * declares, by name, to find one person's rows. It stores nothing about anyone itself.
 */
export const subjectDataData = defineTables({});
