import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const retentionData = defineTables({
  retention_runs: {
    subject: null,
    description: 'Each run of retention, and its disposal certificate: which rule removed how many rows and files, never whose.',
    columns: {
      id: notPersonal,
      as_of: notPersonal,
      status: notPersonal,
      progress: notPersonal,
      policy_version: notPersonal,
      certificate: notPersonal,
      certificate_sha256: notPersonal,
      started_at: notPersonal,
      completed_at: notPersonal,
    },
  },
  retention_aggregates: {
    subject: null,
    description: 'Counts by month of records whose period ended, where the policy keeps numbers but not the people.',
    columns: { table_name: notPersonal, category: notPersonal, period: notPersonal, rows: notPersonal },
  },
});
