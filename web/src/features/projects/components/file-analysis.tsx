/** What the printability check found in a model, in the units a person prints in. */
import type { BuildVolumeFit, ModelAnalysis } from '../api/files-api.js';
import { formatAreaMm2, formatCount, formatSize, formatVolumeMm3, PROCESS_NAMES } from '../utils/format.js';

const FORMAT_NAMES: Record<ModelAnalysis['format'], string> = { stl: 'STL', obj: 'OBJ', ply: 'PLY', '3mf': '3MF', gltf: 'glTF' };

export function FileAnalysis({ analysis, fits, fileName }: { analysis: ModelAnalysis; fits: BuildVolumeFit[] | null; fileName: string }) {
  const box = analysis.boundingBoxMm;
  const problems = analysis.edges.open + analysis.edges.nonManifold;
  return (
    <div className="analysis">
      <p className={`verdict ${analysis.watertight ? 'verdict-ok' : 'verdict-warn'}`}>
        <span aria-hidden="true">{analysis.watertight ? '✓ ' : '⚠ '}</span>
        {analysis.watertight ? 'Watertight: ready to print.' : `Not watertight: ${formatCount(problems)} problem edge${problems === 1 ? '' : 's'} to repair before printing.`}
      </p>
      <table className="table table-compact analysis-table">
        <caption className="visually-hidden">Analysis of {fileName}</caption>
        <tbody>
          <Row label="Format" value={`${FORMAT_NAMES[analysis.format]} (${analysis.encoding.replace(/_/g, ' ')})`} />
          <Row label="Triangles" value={formatCount(analysis.triangles)} />
          <Row label="Vertices" value={formatCount(analysis.vertices)} />
          <Row label="Size" value={formatSize(box.size)} note={analysis.unitDeclared ? `The file declares its unit (${analysis.unit}).` : undefined} />
          <Row label="Bounding box" value={`${formatSize(box.min)} to ${formatSize(box.max)}`} />
          <Row label="Volume" value={formatVolumeMm3(analysis.volumeMm3)} note={analysis.watertight ? undefined : 'Approximate: the surface is not closed.'} />
          <Row label="Surface area" value={formatAreaMm2(analysis.surfaceAreaMm2)} />
          <Row label="Shells (separate parts)" value={formatCount(analysis.shells)} />
          <Row label="Open edges" value={formatCount(analysis.edges.open)} flag={analysis.edges.open > 0} />
          <Row label="Non-manifold edges" value={formatCount(analysis.edges.nonManifold)} flag={analysis.edges.nonManifold > 0} />
          <Row label="Flipped faces (edges)" value={formatCount(analysis.edges.inconsistentlyOriented)} flag={analysis.edges.inconsistentlyOriented > 0} />
          <Row label="Degenerate triangles" value={formatCount(analysis.degenerateTriangles)} flag={analysis.degenerateTriangles > 0} />
          {analysis.insideOut ? <Row label="Orientation" value="Inside out" flag note="The faces point inwards." /> : null}
        </tbody>
      </table>
      {analysis.warnings.length > 0 ? (
        <ul className="analysis-warnings small">
          {analysis.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {fits && fits.length > 0 ? (
        <>
          <h4 className="analysis-subheading">Fits the build volume</h4>
          <ul className="fit-list" aria-label={`Build volume fit of ${fileName}`}>
            {fits.map((f) => (
              <li key={f.process} className={f.fits ? 'fit-yes' : 'fit-no'}>
                <span className="fit-mark" aria-hidden="true">
                  {f.fits ? '✓' : '✕'}
                </span>
                <span>
                  <strong>{PROCESS_NAMES[f.process] ?? f.process}</strong>
                  <span className="muted small">{f.fits && f.placedSizeMm ? ` — placed as ${formatSize(f.placedSizeMm)}` : ' — too large in any orientation'}</span>
                  <span className="visually-hidden">{f.fits ? ': fits' : ': does not fit'}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Row({ label, value, note, flag = false }: { label: string; value: string; note?: string | undefined; flag?: boolean }) {
  return (
    <tr className={flag ? 'row-flag' : undefined}>
      <th scope="row">{label}</th>
      <td className="numeric">
        {value}
        {note ? <span className="analysis-note">{note}</span> : null}
      </td>
    </tr>
  );
}
