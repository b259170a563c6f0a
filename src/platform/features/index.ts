export { requiredCategories, featureStates, offReason, type CategoryNeeds, type FeatureDefinition, type FeatureState } from './define-features.js';
export { createFeatureSwitch, featureJob, featureJobs, registerGatedRoutes, type FeatureSwitch } from './feature-gate.js';
export { registerFeatureRoutes, ZFeature, ZFeatures } from './features.routes.js';
export { refuseUndeclaredFields } from './undeclared-fields.js';
