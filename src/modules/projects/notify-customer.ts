import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import type { ProjectsDb, ProjectsTrxDeps } from './projects.deps.js';
import * as store from './projects.store.js';

export type Delivery = () => Promise<void>;
type Message = { kind: string; subject: string; text: string };

/**
 * Tells a project's customer something twice: an in-app notification and an e-mail, both written in
 * the caller's transaction. Returns the e-mail delivery to run after commit.
 */
export async function notifyCustomer(
  trx: Queryable<ProjectsDb>,
  deps: ProjectsTrxDeps,
  project: { id: string; customer_id: string },
  compose: (name: string) => Message,
  opts: { email: boolean } = { email: true },
): Promise<Delivery[]> {
  const customer = await store.findUser(trx, project.customer_id);
  if (!customer) return [];
  const message = compose(customer.name);
  await store.insertNotification(trx, {
    id: randomUUID(),
    user_id: customer.id,
    project_id: project.id,
    kind: message.kind,
    title: message.subject,
    body: message.text,
    created_at: deps.now(),
    read_at: null,
  });
  if (!opts.email) return [];
  return [await deps.mail.enqueue(trx, { to: customer.email, userId: customer.id, ...message })];
}
