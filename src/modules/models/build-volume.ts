import type { TBuildVolume, TBuildVolumeFit, TModelAnalysis, TVec3 } from './models.schema.js';

const axisOrders: ReadonlyArray<readonly ['x' | 'y' | 'z', 'x' | 'y' | 'z', 'x' | 'y' | 'z']> = [
  ['x', 'y', 'z'],
  ['x', 'z', 'y'],
  ['y', 'x', 'z'],
  ['y', 'z', 'x'],
  ['z', 'x', 'y'],
  ['z', 'y', 'x'],
];

/** Slack for coordinates that went through unit conversion: a 200 mm part fits a 200 mm machine. */
const relativeTolerance = 1e-9;

/**
 * Answers, for each process the operator offers, whether the part fits its build volume when turned by
 * 90° steps (an axis permutation). Accepts an analysis or a size in millimetres. The first orientation
 * tried is the file's own, so a part that fits as modelled keeps its orientation.
 */
export function checkBuildVolumes(part: TModelAnalysis | TVec3, processes: readonly TBuildVolume[]): TBuildVolumeFit[] {
  const size = 'boundingBoxMm' in part ? part.boundingBoxMm.size : part;
  return processes.map(({ process, buildVolumeMm }) => {
    for (const [ax, ay, az] of axisOrders) {
      const placed = { x: size[ax], y: size[ay], z: size[az] };
      if (within(placed.x, buildVolumeMm.x) && within(placed.y, buildVolumeMm.y) && within(placed.z, buildVolumeMm.z)) {
        return { process, fits: true, placedSizeMm: placed };
      }
    }
    return { process, fits: false, placedSizeMm: null };
  });
}

function within(length: number, limit: number): boolean {
  return length <= limit * (1 + relativeTolerance);
}
