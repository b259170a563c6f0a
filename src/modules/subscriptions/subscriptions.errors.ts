import { AppError } from '../../platform/errors/index.js';

export const subscriptionsErrors = {
  planNotFound: () => new AppError('not_found', 'No such plan.'),
  planCodeTaken: (code: string) => new AppError('conflict', `A plan with the code ${code} exists already.`, { code }),
  badPeriod: (period: string) => new AppError('unprocessable', `The period ${period} is not an ISO 8601 duration of years, months, weeks or days (P1M, P1Y, P30D).`, { period }),
  licencePolicyNotFound: () => new AppError('unprocessable', 'No licence policy with this id: create it under Licensing first.'),
  planInactive: () => new AppError('conflict', 'This plan is no longer on offer.'),
  subscriptionNotFound: () => new AppError('not_found', 'No such subscription.'),
  alreadySubscribed: (id: string) => new AppError('conflict', 'You already have a running subscription of this plan.', { subscriptionId: id }),
  providerNotConfigured: (provider: string) => new AppError('unprocessable', `Payment by ${provider === 'stripe' ? 'card (Stripe)' : provider} is not set up on this installation; pay by bank transfer.`, { provider }),
  nothingToPay: () => new AppError('conflict', 'This subscription has no payment due.'),
  notCancellable: (status: string) => new AppError('conflict', `A subscription that is ${status.replace('_', ' ')} cannot be cancelled: it has ended or has not started.`, { status }),
  notResumable: () => new AppError('conflict', 'Only a running subscription set to end at the period end can be kept on.'),
  noBankTransferDue: () => new AppError('conflict', 'No bank transfer is awaited for this subscription.'),
};
