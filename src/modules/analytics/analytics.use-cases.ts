import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { analyticsSummary } from './analytics-summary.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { recordEvents } from './record-events.js';

export const analyticsUseCases = { recordEvents, analyticsSummary };

export type AnalyticsService = BoundUseCases<AnalyticsDeps, typeof analyticsUseCases>;
