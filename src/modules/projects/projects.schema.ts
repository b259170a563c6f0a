import { z } from 'zod';
import { ZLengthUnit } from '../models/index.js';
import { ZProcess } from './operator-settings.js';
import { PROJECT_STATUSES } from './projects.tables.js';

export const ZProjectStatus = z.enum(PROJECT_STATUSES);

const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const ZDay = z.iso.date('must be a date like 2027-03-31');

export const ZCreateProject = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  // The specifications below are asked only while the policy declares them (create-project.ts checks).
  process: ZProcess.optional(),
  material: z.string().trim().min(1, 'is required').max(100).optional(),
  colour: ZOptionalText(100),
  quantity: z.number().int().min(1).max(100_000).optional(),
  units: ZLengthUnit.optional(),
  toleranceMm: z.number().positive().max(100).optional().nullable().transform((v) => v ?? null),
  finish: ZOptionalText(200),
  wantedDeliveryDate: ZDay.optional().nullable().transform((v) => v ?? null),
  notes: ZOptionalText(10_000),
});
export type TCreateProject = z.infer<typeof ZCreateProject>;

export const ZChangeStatus = z.object({ status: ZProjectStatus, note: ZOptionalText(2000) });
export const ZPromisedDelivery = z.object({ date: ZDay.nullable() });
export const ZAssign = z.object({ staffId: z.uuid() });
export const ZPostMessage = z.object({ body: z.string().trim().min(1, 'is required').max(20_000) });

export const ZProjectSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  status: ZProjectStatus,
  process: z.string().nullable(),
  material: z.string().nullable(),
  quantity: z.number().nullable(),
  customerId: z.uuid(),
  wantedDeliveryDate: z.string().nullable(),
  promisedDeliveryDate: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZProject = ZProjectSummary.extend({
  colour: z.string().nullable(),
  units: z.string().nullable(),
  toleranceMm: z.number().nullable(),
  finish: z.string().nullable(),
  notes: z.string().nullable(),
  completedAt: z.date().nullable(),
  customer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  assignedStaff: z.array(z.object({ id: z.uuid(), name: z.string() })),
  timeline: z.array(
    z.object({ from: ZProjectStatus.nullable(), to: ZProjectStatus, actorId: z.uuid().nullable(), actorRole: z.string(), note: z.string().nullable(), at: z.date() }),
  ),
  /** What the project can become next, by hand or through a quote. */
  nextStatuses: z.array(ZProjectStatus),
  /** How the caller sees the project: its customer, staff assigned to it, or an admin. */
  viewerRole: z.enum(['customer', 'staff', 'admin']),
  /** The statuses the caller may set by hand now (project-access.ts decides, as it does on change). */
  allowedTransitions: z.array(ZProjectStatus),
  canSetPromisedDelivery: z.boolean(),
  canAssignStaff: z.boolean(),
  canAddFiles: z.boolean(),
  canPostMessages: z.boolean(),
});

export const ZMessage = z.object({ id: z.uuid(), authorId: z.uuid().nullable(), authorName: z.string().nullable(), authorRole: z.string(), body: z.string(), createdAt: z.date() });
export const ZNotification = z.object({
  id: z.uuid(),
  projectId: z.uuid().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

export const ZProjectOptions = z.object({
  /** False while the privacy policy does not declare project specifications: the form asks only a name. */
  specificationsAsked: z.boolean(),
  currency: z.string(),
  processes: z.array(z.object({ process: ZProcess, buildVolumeMm: z.object({ x: z.number(), y: z.number(), z: z.number() }), materials: z.array(z.string()) })),
});
