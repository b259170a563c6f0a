import { defineTables, notPersonal } from '../../platform/registry/index.js';

/** Specifications are asked only when the policy declares them (a project can be files and messages alone). */
const spec = { category: 'project.specifications', erase: 'delete-row', onlyIfDeclared: true } as const;

export const projectsData = defineTables({
  projects: {
    subject: 'customer_id',
    // Set when the project is completed or cancelled: seed 004 keeps project data 3 years after completion.
    retentionStart: 'completed_at',
    description: 'Your projects: what you asked us to make, to which specifications, and how far along it is.',
    columns: {
      id: notPersonal,
      customer_id: { category: 'account.id', erase: 'delete-row' },
      // What the customer calls the set of files they bring: it travels with the files.
      title: { category: 'project.files', erase: 'delete-row' },
      process: spec,
      material: spec,
      colour: spec,
      quantity: spec,
      units: spec,
      tolerance_mm: spec,
      finish: spec,
      wanted_delivery_date: spec,
      promised_delivery_date: { category: 'project.messages', erase: 'delete-row' },
      notes: spec,
      status: { category: 'project.messages', erase: 'delete-row' },
      created_at: notPersonal,
      updated_at: notPersonal,
      completed_at: notPersonal,
    },
  },
  project_status_events: {
    subject: null,
    alsoSubjects: ['actor_id'],
    retentionStart: 'at',
    // A project's files and messages run from the project's completion when the rule says so.
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'The timeline of each project: every status change, who made it and when.',
    columns: {
      id: notPersonal,
      project_id: notPersonal,
      from_status: { category: 'project.messages', erase: 'delete-row' },
      to_status: { category: 'project.messages', erase: 'delete-row' },
      actor_id: { category: 'account.id', erase: 'null' },
      actor_role: notPersonal,
      note: { category: 'project.messages', erase: 'delete-row' },
      at: notPersonal,
    },
  },
  project_assignments: {
    subject: 'staff_id',
    alsoSubjects: ['assigned_by'],
    retentionStart: 'assigned_at',
    // A project's files and messages run from the project's completion when the rule says so.
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'Which staff members work on which project (they see only those).',
    columns: {
      project_id: notPersonal,
      staff_id: { category: 'account.id', erase: 'delete-row' },
      assigned_by: { category: 'account.id', erase: 'null' },
      assigned_at: notPersonal,
    },
  },
  project_messages: {
    // Rows belong to the project's customer (through project_id); the author may be staff.
    subject: null,
    alsoSubjects: ['author_id'],
    retentionStart: 'created_at',
    // A project's files and messages run from the project's completion when the rule says so.
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'Messages between you and the staff working on your project.',
    columns: {
      id: notPersonal,
      project_id: notPersonal,
      author_id: { category: 'account.id', erase: 'null' },
      author_role: notPersonal,
      body: { category: 'project.messages', erase: 'delete-row' },
      created_at: notPersonal,
    },
  },
  notifications: {
    subject: 'user_id',
    retentionStart: 'created_at',
    // A notice about a project runs from the project's completion; one about no project from its own date.
    retentionClocks: { project_completed: { via: 'project_id' } },
    description: 'The progress and delivery updates we showed you in the app.',
    columns: {
      id: notPersonal,
      user_id: { category: 'account.id', erase: 'delete-row' },
      project_id: notPersonal,
      kind: notPersonal,
      title: { category: 'project.messages', erase: 'delete-row' },
      body: { category: 'project.messages', erase: 'delete-row' },
      created_at: notPersonal,
      read_at: notPersonal,
    },
  },
});
