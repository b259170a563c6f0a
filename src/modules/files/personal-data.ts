import { defineTables, notPersonal } from '../../platform/registry/index.js';

export const filesData = defineTables({
  file_uploads: {
    // Rows belong to the project's customer (through project_id); the uploader may be staff.
    subject: null,
    alsoSubjects: ['uploaded_by'],
    retentionStart: 'created_at',
    // A project's files and messages run from the project's completion when the rule says so.
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'Uploads of your 3D files while they arrive; the bytes are stored encrypted.',
    columns: {
      id: notPersonal,
      project_id: notPersonal,
      uploaded_by: { category: 'account.id', erase: 'null' },
      original_name: { category: 'project.files', erase: 'delete-row' },
      upload_length: notPersonal,
      wrapped_key: { category: 'project.files', erase: 'delete-row', export: false },
      storage_key: notPersonal,
      created_at: notPersonal,
      completed_at: notPersonal,
      writer_token: notPersonal,
      writer_until: notPersonal,
    },
  },
  files: {
    subject: null,
    alsoSubjects: ['uploaded_by'],
    retentionStart: 'created_at',
    // A project's files and messages run from the project's completion when the rule says so.
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'Your 3D model files, encrypted with a key of their own, and what our analysis found in them. Deleting the key erases the file.',
    columns: {
      id: notPersonal,
      project_id: notPersonal,
      uploaded_by: { category: 'account.id', erase: 'null' },
      original_name: { category: 'project.files', erase: 'delete-row' },
      size_bytes: { category: 'project.files', erase: 'delete-row' },
      sha256: { category: 'project.files', erase: 'delete-row' },
      // The key is the file: exported as the decrypted file itself, never as key material.
      wrapped_key: { category: 'project.files', erase: 'delete-row', export: false },
      storage_key: notPersonal,
      status: notPersonal,
      analysis: { category: 'project.files', erase: 'delete-row' },
      // Whether the mesh fits the printers: a measurement of the file itself.
      build_volume_fit: { category: 'project.files', erase: 'delete-row' },
      rejection_reason: { category: 'project.files', erase: 'delete-row' },
      created_at: notPersonal,
      analysed_at: notPersonal,
    },
  },
  file_previews: {
    // Whose it is follows its project, as for files; it is erased with its file.
    subject: null,
    retentionStart: 'created_at',
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'A light 3D preview of each of your model files, made when it is analysed, encrypted like the file and deleted with it.',
    columns: {
      file_id: notPersonal,
      project_id: notPersonal,
      // Destroying the key erases the preview; the preview is drawn from the file, which the export holds.
      wrapped_key: { category: 'project.files', erase: 'delete-row', export: false },
      storage_key: notPersonal,
      size_bytes: { category: 'project.files', erase: 'delete-row' },
      created_at: notPersonal,
    },
  },
});
