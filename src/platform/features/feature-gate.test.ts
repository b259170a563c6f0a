import { describe, expect, it } from 'vitest';
import type { FeatureState } from './define-features.js';
import { createFeatureSwitch, featureHook } from './feature-gate.js';

const state = (id: string, on: boolean): FeatureState => ({ id, label: id, on, missingCategories: on ? [] : ['contact.email'], missingFeatures: [] });

describe('a hook gated by its feature', () => {
  it('runs while the feature is on and does nothing while it is off, asked at each call', async () => {
    let on = true;
    const features = createFeatureSwitch(async () => [state('organisations', on)]);
    const calls: string[] = [];
    const hook = featureHook(features, 'organisations', async (who: string) => void calls.push(who));
    await hook('ada');
    on = false;
    await hook('grace');
    on = true;
    await hook('lin');
    expect(calls).toEqual(['ada', 'lin']);
  });
});
