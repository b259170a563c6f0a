import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { findMaterial, findProcess, type TOperatorSettings } from './operator-settings.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import { projectLink, projectsMails } from './projects.mails.js';
import type { TCreateProject } from './projects.schema.js';
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

/** A customer opens a project with its specifications; it starts `received`, and they are told so. */
export async function createProject(deps: ProjectsDeps, principal: Principal, input: TCreateProject, ctx: RequestContext) {
  const material = resolveMaterial(deps.operator, input.process, input.material);
  const id = randomUUID();
  const now = deps.now();
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<ProjectsTables>(work);
    await store.insertProject(db, {
      id,
      customer_id: principal.userId,
      title: input.title,
      process: input.process,
      material,
      colour: input.colour,
      quantity: input.quantity,
      units: input.units,
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

/** What the operator offers, for the project form. */
export function projectOptions(deps: Pick<ProjectsDeps, 'operator'>) {
  const { operator } = deps;
  return {
    currency: operator.currency,
    processes: operator.processes.map((p) => ({ process: p.process, buildVolumeMm: p.buildVolumeMm, materials: p.materials.map((m) => m.name) })),
  };
}
