import { describe, expect, it } from 'vitest';
import { defaultModelLimits } from './limits.js';
import { Float32Welder } from './vertex-welder.js';

/** A binary STL body (no header) of the given triangles, each nine float32 coordinates. */
function records(triangles: number[][]): DataView {
  const view = new DataView(new ArrayBuffer(50 * triangles.length));
  triangles.forEach((corners, r) => corners.forEach((value, k) => view.setFloat32(50 * r + 12 + 4 * k, value, true)));
  return view;
}

describe('Float32Welder', () => {
  it('gives every distinct vertex one id through many table regrowths, whatever the tags of its neighbours', () => {
    // Started for 16 triangles: 20,000 distinct vertices regrow and rehash the table many times.
    const welder = new Float32Welder(defaultModelLimits, 16);
    const vertex = (i: number): number[] => [i % 37, Math.floor(i / 37), -i * 0.5];
    const triangles: number[][] = [];
    for (let i = 0; i + 2 < 20_000; i += 3) triangles.push([...vertex(i), ...vertex(i + 1), ...vertex(i + 2)]);
    // The same vertices again, in another order, long after the recent-vertex cache has forgotten them.
    for (let i = 0; i + 2 < 20_000; i += 3) triangles.push([...vertex(i + 2), ...vertex(i), ...vertex(i + 1)]);
    expect(welder.addStlRecords(records(triangles), 0, triangles.length)).toBe(-1);
    const half = 3 * (triangles.length / 2);
    const ids = welder.corners();
    expect(welder.count).toBe(half);
    for (let k = 0; k < half; k += 3) expect([ids[half + k], ids[half + k + 1], ids[half + k + 2]]).toEqual([ids[k + 2], ids[k], ids[k + 1]]);
    expect(new Set(ids.subarray(0, half)).size).toBe(half);
    const positions = welder.positions();
    expect([...positions.subarray(3 * ids[5]!, 3 * ids[5]! + 3)]).toEqual(vertex(5));
  });

  it('welds -0 with +0 and stops at the first record with a coordinate that is not finite', () => {
    const welder = new Float32Welder(defaultModelLimits, 16);
    const view = records([
      [0, 0, 0, 1, 0, 0, 0, 1, 0],
      [-0, -0, -0, 0, 1, 0, 0, 0, 1],
      [0, 0, 0, 1, Number.NaN, 0, 0, 0, 1],
    ]);
    expect(welder.addStlRecords(view, 0, 3)).toBe(2);
    expect([...welder.corners()]).toEqual([0, 1, 2, 0, 2, 3]);
  });
});
