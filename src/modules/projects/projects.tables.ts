export const PROJECT_STATUSES = ['received', 'in_review', 'quoted', 'in_production', 'shipped', 'delivered', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface ProjectsTables {
  projects: {
    id: string;
    customer_id: string;
    title: string;
    process: string | null;
    material: string | null;
    colour: string | null;
    quantity: number | null;
    units: string | null;
    tolerance_mm: number | null;
    finish: string | null;
    wanted_delivery_date: string | null;
    promised_delivery_date: string | null;
    notes: string | null;
    status: ProjectStatus;
    created_at: Date;
    updated_at: Date;
    completed_at: Date | null;
  };
  project_status_events: {
    id: string;
    project_id: string;
    from_status: ProjectStatus | null;
    to_status: ProjectStatus;
    actor_id: string | null;
    actor_role: string;
    note: string | null;
    at: Date;
  };
  project_assignments: { project_id: string; staff_id: string; assigned_by: string | null; assigned_at: Date };
  project_messages: { id: string; project_id: string; author_id: string | null; author_role: string; body: string; created_at: Date };
  notifications: {
    id: string;
    user_id: string;
    project_id: string | null;
    kind: string;
    title: string;
    body: string;
    created_at: Date;
    read_at: Date | null;
  };
}

export type ProjectRow = ProjectsTables['projects'];
