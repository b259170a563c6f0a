import { defineTables } from '../../platform/registry/index.js';

/**
 * conformance owns no tables: its store reads the database catalogue and, through the other modules'
 * indexes, what they hold, to prove the manifest against the installation. It stores nothing about anyone.
 */
export const conformanceData = defineTables({});
