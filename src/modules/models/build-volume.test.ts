import { describe, expect, it } from 'vitest';
import { checkBuildVolumes } from './index.js';

const printers = [
  { process: 'fdm', buildVolumeMm: { x: 250, y: 210, z: 220 } },
  { process: 'sla', buildVolumeMm: { x: 145, y: 145, z: 175 } },
  { process: 'sls', buildVolumeMm: { x: 340, y: 340, z: 600 } },
];

describe('checkBuildVolumes', () => {
  it('answers per process, turning the part by axis permutations when that makes it fit', () => {
    const fits = checkBuildVolumes({ x: 50, y: 50, z: 240 }, printers);
    expect(fits).toEqual([
      { process: 'fdm', fits: true, placedSizeMm: { x: 240, y: 50, z: 50 } },
      { process: 'sla', fits: false, placedSizeMm: null },
      { process: 'sls', fits: true, placedSizeMm: { x: 50, y: 50, z: 240 } },
    ]);
  });

  it('keeps the modelled orientation when it already fits, and accepts an exact fit', () => {
    expect(checkBuildVolumes({ x: 145, y: 145, z: 175 }, printers)[1]).toEqual({ process: 'sla', fits: true, placedSizeMm: { x: 145, y: 145, z: 175 } });
    expect(checkBuildVolumes({ x: 145.001, y: 145, z: 175 }, printers)[1]?.fits).toBe(false);
  });

  it('takes an analysis directly', () => {
    const size = { x: 10, y: 400, z: 10 };
    const analysis = { boundingBoxMm: { min: { x: 0, y: 0, z: 0 }, max: size, size } } as Parameters<typeof checkBuildVolumes>[0];
    expect(checkBuildVolumes(analysis, printers).map((f) => f.fits)).toEqual([false, false, true]);
  });
});
