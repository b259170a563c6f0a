export { configuratorUseCases, type ConfiguratorService } from './configurator.use-cases.js';
export { registerConfiguratorRoutes, registerConfiguredOrderRoutes, type ConfiguratorRoutesDeps } from './configurator.routes.js';
export type { ConfiguratorDeps } from './configurator.deps.js';
export { configuratorData } from './personal-data.js';
