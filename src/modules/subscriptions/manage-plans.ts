import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { licencePolicyExists } from '../licensing/index.js';
import { parsePeriod } from './periods.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';
import { subscriptionsErrors } from './subscriptions.errors.js';
import type { TCreatePlan, TPlan } from './subscriptions.schema.js';
import * as store from './subscriptions.store.js';
import type { PlanRow, SubscriptionsTables } from './subscriptions.tables.js';

export function presentPlan(p: PlanRow): TPlan {
  return { id: p.id, code: p.code, name: p.name, period: p.period, priceCents: p.price_cents, currency: p.currency, licensingPolicyId: p.licensing_policy_id, active: p.active };
}

/** An admin offers a plan: a period (ISO 8601), a net price, and optionally the licence policy it grants. */
export async function createPlan(deps: SubscriptionsDeps, principal: Principal, input: TCreatePlan, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<SubscriptionsTables>(work);
    if (!parsePeriod(input.period)) throw subscriptionsErrors.badPeriod(input.period);
    if (await store.findPlanByCode(db, input.code)) throw subscriptionsErrors.planCodeTaken(input.code);
    if (input.licensingPolicyId && !(await licencePolicyExists(work, input.licensingPolicyId))) throw subscriptionsErrors.licencePolicyNotFound();
    const row: PlanRow = { id: randomUUID(), code: input.code, name: input.name, period: input.period, price_cents: input.priceCents, currency: input.currency, licensing_policy_id: input.licensingPolicyId ?? null, active: true, created_at: deps.now() };
    await store.insertPlan(db, row);
    await work.audit({ action: 'subscriptions.plan_created', target: { type: 'subscription_plan', id: row.id }, details: { code: row.code, period: row.period, priceCents: row.price_cents, currency: row.currency } });
    return presentPlan(row);
  });
}

/** The plans on offer (admins also see withdrawn ones). */
export async function listPlans(deps: SubscriptionsDeps, principal: Principal) {
  return { plans: (await store.listPlans(deps.db, { activeOnly: principal.role !== 'admin' })).map(presentPlan) };
}
