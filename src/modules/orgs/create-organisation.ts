import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { findUserContactByEmail } from '../accounts/index.js';
import type { OrgsDeps } from './orgs.deps.js';
import { orgsErrors } from './orgs.errors.js';
import { orgsMails } from './orgs.mails.js';
import type { TCreateOrg } from './orgs.schema.js';
import * as store from './orgs.store.js';
import type { OrgsTables } from './orgs.tables.js';
import { PUBLIC_MAIL_DOMAINS } from './public-mail-domains.js';
import { rethrowUniqueViolation } from './unique-violation.js';

/** A platform admin creates an organisation, its domain claims and, optionally, its first admin, at once. */
export async function createOrganisation(deps: OrgsDeps, principal: Principal, input: TCreateOrg, ctx: RequestContext) {
  const domains = [...new Set(input.domains)];
  const publicDomain = domains.find((d) => PUBLIC_MAIL_DOMAINS.has(d));
  if (publicDomain) throw orgsErrors.domainPublic(publicDomain);
  const id = randomUUID();
  const now = deps.now();
  await deps.uow
    .run(byPrincipal(principal, ctx), async (work) => {
      const db = tablesOf<OrgsTables>(work);
      const [claimed] = await store.findDomainClaims(db, domains);
      if (claimed) throw orgsErrors.domainTaken(claimed.domain, claimed.org_name);
      const admin = input.adminEmail ? await findUserContactByEmail(work, input.adminEmail) : undefined;
      if (input.adminEmail && !admin) throw orgsErrors.adminUnknown();
      if (admin && (await store.findMembershipOfUser(db, admin.id))) throw orgsErrors.alreadyInAnotherOrg();

      await store.insertOrganisation(db, { id, name: input.name, created_at: now });
      await store.insertDomains(db, id, domains);
      await work.audit({ action: 'orgs.created', target: { type: 'organisation', id }, details: { domains } });
      if (!admin) return;
      await store.insertMember(db, { org_id: id, user_id: admin.id, role: 'admin', status: 'active', joined_at: now });
      await work.audit({
        action: 'orgs.member_added',
        subjectId: admin.id,
        target: { type: 'organisation', id },
        details: { orgId: id, role: 'admin', via: 'platform_admin' },
      });
      await work.mail({ to: admin.email, userId: admin.id, ...orgsMails.madeAdmin(admin.name, input.name) });
    })
    .catch(rethrowUniqueViolation);
  return { id };
}

export async function listOrganisations(deps: OrgsDeps, opts: { limit: number; offset: number }) {
  const orgs = await store.listOrganisations(deps.db, opts);
  const domains = await store.listDomains(deps.db, orgs.map((o) => o.id));
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    domains: domains.filter((d) => d.org_id === o.id).map((d) => d.domain),
    memberCount: Number(o.member_count ?? 0),
  }));
}
