import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const dataExportData = defineTables({
  data_exports: {
    subject: 'user_id',
    alsoSubjects: ['requested_by'],
    retentionStart: 'created_at',
    description: 'Copies of your data you (or your organisation administrator) asked for, kept encrypted until the download link expires.',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      requested_by: { category: 'account.id', erase: 'null' },
      status: notPersonal,
      storage_key: notPersonal,
      // Random bytes sealed under the master key: it opens the archive, a copy of data whose categories are
      // declared where the originals live. The row goes when its person is erased (user_id deletes it).
      wrapped_key: notPersonal,
      size_bytes: notPersonal,
      sha256: notPersonal,
      link_nonce_hash: { category: 'credentials.session', erase: 'delete-row', export: false },
      link_expires_at: notPersonal,
      created_at: { category: 'account.id', erase: 'delete-row' },
      completed_at: notPersonal,
      downloaded_at: notPersonal,
      error: notPersonal,
    },
  },
});
