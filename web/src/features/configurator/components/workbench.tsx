/** The configurator itself: the live 3D view beside the choices and the price. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../../../components/page.js';
import type { ModelSource, Product, Selections } from '../api/configurator-api.js';
import { extentsOf, lookOf } from '../viewer/look.js';
import { definitionOf } from './price-box.js';

const ConfiguratorViewer = lazy(() => import('../viewer/configurator-viewer.js'));

export function Workbench({ product, selections, source, children }: { product: Product; selections: Selections; source: ModelSource; children: ReactNode }) {
  const definition = definitionOf(product);
  const { partFiles, maxScale } = extentsOf(definition);
  return (
    <div className="configurator-layout">
      <Suspense fallback={<Loading label="Loading the 3D view…" />}>
        <ConfiguratorViewer
          source={source}
          modelFileId={product.modelFileId}
          modelName={product.modelName}
          partFiles={partFiles}
          maxScale={maxScale}
          look={lookOf(definition, selections)}
          label={`3D view of ${product.name}`}
        />
      </Suspense>
      <div className="stack">{children}</div>
    </div>
  );
}
