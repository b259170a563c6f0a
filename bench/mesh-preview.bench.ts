/**
 * What a light preview costs at analysis and saves on the project page, on the same ~1M-triangle
 * binary STL (50 MB, the "50 MB model"): the analysis alone is the reference for the time the
 * preview adds, and the STL's size the reference for the bytes a page visit fetches.
 */
import { Readable } from 'node:stream';
import { analyzeModelStream, analyzeModelStreamWithPreview } from '../src/modules/models/analyze-model.js';
import { makeBox, makeSphere, toBinaryStl } from '../src/modules/models/test-meshes.js';
import { benchRow, type BenchRow } from './bench-row.js';

export default async function (): Promise<BenchRow[]> {
  // 2 · 1000 · (501 − 1) = 1,000,000 triangles.
  const stl = toBinaryStl(makeSphere([-60, -45, -30], 25, 501, 1000));
  const warmup = toBinaryStl(makeBox([-1, -1, -1], [2, 2, 2]));
  await analyzeModelStreamWithPreview(Readable.from([warmup]), { filename: 'warmup.stl' });

  const t0 = performance.now();
  await analyzeModelStream(Readable.from([stl]), { filename: 'sphere.stl' });
  const alone = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const { analysis, preview } = await analyzeModelStreamWithPreview(Readable.from([stl]), { filename: 'sphere.stl' });
  const withPreview = (performance.now() - t1) / 1000;
  if (!preview) throw new Error('no preview was made');

  console.log(
    `mesh preview: analysis + preview ${withPreview.toFixed(2)} s | analysis alone ${alone.toFixed(2)} s | preview adds ${(((withPreview - alone) / alone) * 100).toFixed(0)} %`,
  );
  console.log(
    `  bytes per page visit: preview ${(preview.byteLength / 1e3).toFixed(0)} KB | whole model ${(stl.length / 1e6).toFixed(1)} MB | ratio ${(stl.length / preview.byteLength).toFixed(0)}× (${analysis.triangles.toLocaleString('en-US')} triangles)`,
  );
  return [
    benchRow('mesh analysis + light preview, 1M-triangle STL', withPreview, 's', 'analysis alone', alone, '—'),
    benchRow('bytes a project page fetches: light preview', preview.byteLength / 1e6, 'MB', 'the whole STL', stl.length / 1e6, '—'),
  ];
}
