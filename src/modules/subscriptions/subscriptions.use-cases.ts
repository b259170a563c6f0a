import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { cancelSubscription, resumeSubscription } from './cancel.js';
import { createPlan, listPlans } from './manage-plans.js';
import { allSubscriptions, getSubscription, mySubscriptions } from './read-subscriptions.js';
import { runRenewals } from './renew.js';
import { payDue, recordSubscriptionTransfer, subscribe } from './subscribe.js';
import type { SubscriptionsDeps } from './subscriptions.deps.js';

/** The subscription use-cases; the app binds them once (`app.services.subscriptions`). */
export const subscriptionsUseCases = {
  createPlan,
  listPlans,
  subscribe,
  payDue,
  recordTransfer: recordSubscriptionTransfer,
  cancel: cancelSubscription,
  resume: resumeSubscription,
  mine: mySubscriptions,
  get: getSubscription,
  all: allSubscriptions,
  runRenewals,
};
export type SubscriptionsService = BoundUseCases<SubscriptionsDeps, typeof subscriptionsUseCases>;
