import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { recordAudit } from '../audit/index.js';
import { findMaterial, findProcess, type TOperatorSettings } from './operator-settings.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import { projectLink, projectsMails } from './projects.mails.js';
import type { TCreateProject } from './projects.schema.js';
import * as store from './projects.store.js';
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
  const actor = { id: principal.userId, role: principal.role };
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    await store.insertProject(trx, {
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
    await store.insertStatusEvent(trx, { id: randomUUID(), project_id: id, from_status: null, to_status: 'received', actor_id: principal.userId, actor_role: principal.role, note: null, at: now });
    await recordAudit(trx, deps, { actor, action: 'projects.created', subjectId: principal.userId, target: { type: 'project', id }, requestId: ctx.requestId });
    const link = projectLink(deps.publicUrl, id);
    return notifyCustomer(trx, deps, { id, customer_id: principal.userId }, (name) => projectsMails.statusChanged(name, input.title, 'received', null, link));
  });
  for (const deliver of deliveries) await deliver();
  return { id };
}

export function projectOptions(operator: TOperatorSettings) {
  return {
    currency: operator.currency,
    processes: operator.processes.map((p) => ({ process: p.process, buildVolumeMm: p.buildVolumeMm, materials: p.materials.map((m) => m.name) })),
  };
}
