import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { findMaterial, findProcess, type TOperatorSettings } from './operator-settings.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import { projectLink, projectsMails } from './projects.mails.js';
import type { TCreateProject } from './projects.schema.js';
import { projectsData } from './personal-data.js';
import { refuseUndeclaredFields } from '../../platform/features/index.js';
import * as store from './projects.store.js';
import type { ProjectsTables } from './projects.tables.js';
import { notifyCustomer } from './notify-customer.js';

/** The process and material must be ones the operator offers; the material is stored as the operator spells it. */
export function resolveMaterial(operator: TOperatorSettings, process: string, material: string): string {
  const proc = findProcess(operator, process);
  if (!proc) throw projectsErrors.unknownProcess(process, operator.processes.map((p) => p.process));
  const found = findMaterial(proc, material);
  if (!found) throw projectsErrors.unknownMaterial(process, material, proc.materials.map((m) => m.name));
  return found.name;
}

/** The form's specification fields and the columns that keep them. */
const SPECIFICATION_COLUMNS = {
  process: 'process',
  material: 'material',
  colour: 'colour',
  quantity: 'quantity',
  units: 'units',
  toleranceMm: 'tolerance_mm',
  finish: 'finish',
  wantedDeliveryDate: 'wanted_delivery_date',
  notes: 'notes',
} as const satisfies Partial<Record<keyof TCreateProject, keyof typeof projectsData.projects.columns>>;

const specificationCategory = projectsData.projects.columns.process.category;

/** Specifications, when the policy declares them: process, material and quantity are then required. */
async function specificationsOf(deps: ProjectsDeps, input: TCreateProject) {
  if (!(await deps.policy.declares(specificationCategory))) {
    const fields = Object.fromEntries(Object.entries(SPECIFICATION_COLUMNS).map(([field, column]) => [field, projectsData.projects.columns[column].category]));
    refuseUndeclaredFields(input, fields, () => false);
    return { process: null, material: null, quantity: null, units: null };
  }
  const { process, material, quantity } = input;
  if (process === undefined || material === undefined || quantity === undefined) {
    throw projectsErrors.specificationsRequired(Object.entries({ process, material, quantity }).filter(([, v]) => v === undefined).map(([k]) => k));
  }
  return { process, material: resolveMaterial(deps.operator, process, material), quantity, units: input.units ?? 'mm' };
}

/**
 * A customer opens a project, with its specifications where the policy declares them; it starts
 * `received`, and they are told so.
 */
export async function createProject(deps: ProjectsDeps, principal: Principal, input: TCreateProject, ctx: RequestContext) {
  const spec = await specificationsOf(deps, input);
  const id = randomUUID();
  const now = deps.now();
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ProjectsTables>(work);
    await store.insertProject(db, {
      id,
      customer_id: principal.userId,
      title: input.title,
      process: spec.process,
      material: spec.material,
      colour: input.colour,
      quantity: spec.quantity,
      units: spec.units,
      tolerance_mm: input.toleranceMm,
      finish: input.finish,
      wanted_delivery_date: input.wantedDeliveryDate,
      promised_delivery_date: null,
      notes: input.notes,
      status: 'received',
      created_at: now,
      updated_at: now,
      completed_at: null,
    });
    await store.insertStatusEvent(db, { id: randomUUID(), project_id: id, from_status: null, to_status: 'received', actor_id: principal.userId, actor_role: principal.role, note: null, at: now });
    await work.audit({ action: 'projects.created', subjectId: principal.userId, target: { type: 'project', id } });
    const link = projectLink(deps.publicUrl, id);
    await notifyCustomer(work, deps, { id, customer_id: principal.userId }, (name) => projectsMails.statusChanged(name, input.title, 'received', null, link));
  });
  return { id };
}

/** What the operator offers, and whether the form asks for specifications (the policy decides). */
export async function projectOptions(deps: Pick<ProjectsDeps, 'operator' | 'policy'>) {
  const { operator } = deps;
  return {
    specificationsAsked: await deps.policy.declares(specificationCategory),
    currency: operator.currency,
    processes: operator.processes.map((p) => ({ process: p.process, buildVolumeMm: p.buildVolumeMm, materials: p.materials.map((m) => m.name) })),
  };
}
