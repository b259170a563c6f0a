import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { listDeliveries, replayDelivery } from './delivery-history.js';
import type { IntegrationsWorkDeps } from './integrations.deps.js';
import { connect, disconnect, listConnections, rotateSecret, updateConnection } from './manage-connections.js';
import { receiveOrder } from './receive-inbound.js';
import { resealSecrets } from './reseal-secrets.js';

export const integrationsUseCases = { connect, listConnections, updateConnection, rotateSecret, disconnect, listDeliveries, replayDelivery, receiveOrder, resealSecrets };

export type IntegrationsService = BoundUseCases<IntegrationsWorkDeps, typeof integrationsUseCases>;
