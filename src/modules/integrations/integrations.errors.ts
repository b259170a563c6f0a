import { AppError } from '../../platform/errors/index.js';

export const integrationsErrors = {
  connectionNotFound: () => new AppError('not_found', 'No such connection.'),
  deliveryNotFound: () => new AppError('not_found', 'No such delivery.'),
  urlRefused: (reason: string) => new AppError('unprocessable', `This URL cannot receive webhooks: ${reason}.`, { field: 'url', reason }),
  disconnected: () => new AppError('conflict', 'This connection was disconnected; connect the system again to use it.'),
  notEnabled: () => new AppError('conflict', 'This connection is disabled: enable it before replaying a delivery.'),
  noUrl: () => new AppError('conflict', 'This connection has no URL to send events to.'),
  eventsNeedUrl: () => new AppError('unprocessable', 'A URL is needed to send events to.', { field: 'url' }),
  notOrgAdmin: () => new AppError('forbidden', 'Only an admin of the organisation may connect a system for it.', { field: 'organisationId' }),
  credentialNeedsConnector: () => new AppError('unprocessable', 'A credential is for a named connector (ERP, CRM or e-commerce) with a URL to call.', { field: 'credential' }),
  badToken: () => new AppError('unauthenticated', 'The connection token is missing or wrong.'),
};
