import { describe, expect, it } from 'vitest';
import { checkBuildVolumes, type TModelAnalysis } from '../models/index.js';
import { defaultOperatorSettings } from '../projects/index.js';
import { computeQuote } from './compute-quote.js';

function part(name: string, size: { x: number; y: number; z: number }, volumeMm3: number, watertight = true) {
  const analysis = { volumeMm3, watertight, boundingBoxMm: { min: { x: 0, y: 0, z: 0 }, max: size, size } } as TModelAnalysis;
  return { id: '00000000-0000-4000-8000-000000000001', name, analysis, fits: checkBuildVolumes(analysis, defaultOperatorSettings.processes) };
}

describe('computeQuote', () => {
  it('never goes below the minimum order, and says so', () => {
    const q = computeQuote(defaultOperatorSettings, { process: 'FDM', material: 'PLA', quantity: 1 }, [part('tiny.stl', { x: 5, y: 5, z: 5 }, 125)]);
    expect(q.totalCents).toBe(defaultOperatorSettings.minimumOrderCents);
    expect(q.breakdown.minimumApplied).toBe(true);
    expect(Number.isInteger(q.totalCents)).toBe(true);
  });

  it('uses the height of the orientation that fits, sums parts, and warns about estimated volumes', () => {
    // 300 mm long does not fit the FDM machine upright (256 mm) or flat, but MJF's 380 mm bed takes it as modelled.
    const q = computeQuote(defaultOperatorSettings, { process: 'MJF', material: 'pa12', quantity: 2 }, [
      part('rail.stl', { x: 300, y: 20, z: 10 }, 60_000),
      part('cap.stl', { x: 10, y: 10, z: 10 }, 1000, false),
    ]);
    const [rail, cap] = q.breakdown.lines;
    expect(rail!.heightMm).toBe(10);
    // 60 cm³ × 28 c + (60/120 + 10/40) h × 1200 c/h = 1,680 + 900 = 2,580 c per part.
    expect(rail!.unitCents).toBe(2580);
    expect(q.breakdown.material).toBe('PA12');
    expect(q.totalCents).toBe((rail!.unitCents + cap!.unitCents) * 2 + defaultOperatorSettings.setupFeeCents);
    expect(q.breakdown.warnings).toEqual([expect.stringContaining('cap.stl is not watertight')]);
    expect(() => computeQuote(defaultOperatorSettings, { process: 'FDM', material: 'PLA', quantity: 1 }, [part('rail.stl', { x: 300, y: 20, z: 10 }, 60_000)])).toThrow(/does not fit/);
  });
});
