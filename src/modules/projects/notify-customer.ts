import { randomUUID } from 'node:crypto';
import { findUserContact } from '../accounts/index.js';
import type { RenderedMail } from '../../platform/mail/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { ProjectsWorkDeps } from './projects.deps.js';
import * as store from './projects.store.js';
import type { ProjectsTables } from './projects.tables.js';

type Message = RenderedMail;

/**
 * Tells a project's customer something twice: an in-app notification and an e-mail, both written in
 * the caller's unit of work (the e-mail is delivered after it commits).
 */
export async function notifyCustomer(
  work: Work,
  deps: Pick<ProjectsWorkDeps, 'now'>,
  project: { id: string | null; customer_id: string },
  compose: (name: string) => Message,
  opts: { email: boolean } = { email: true },
): Promise<void> {
  const customer = await findUserContact(work, project.customer_id);
  if (!customer) return;
  const message = compose(customer.name);
  await store.insertNotification(tablesOf<ProjectsTables>(work), {
    id: randomUUID(),
    user_id: customer.id,
    project_id: project.id,
    kind: message.kind,
    title: message.subject,
    body: message.text,
    created_at: deps.now(),
    read_at: null,
  });
  if (!opts.email) return;
  await work.mail({ to: customer.email, userId: customer.id, ...message });
}
