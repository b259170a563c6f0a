export { requiredCategories, featureStates, type CategoryNeeds, type FeatureDefinition, type FeatureState } from './define-features.js';
export { createFeatureSwitch, featureHook, featureJobs, registerGatedRoutes, type FeatureSwitch } from './feature-gate.js';
export { registerFeatureRoutes, ZFeatures } from './features.routes.js';
export { refuseUndeclaredFields } from './undeclared-fields.js';
