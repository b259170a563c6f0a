/**
 * The stage a 3D view is drawn on, with what it says while it cannot show the model: loading, no
 * WebGL in this browser, or a failure. Every viewer uses it, so they say these things alike; a viewer
 * adds overlays of its own (a placeholder, an action beside a failure) as children or `errorAction`.
 */
import type { ReactNode, Ref } from 'react';
import { Notice } from '../../components/alerts.js';

export type ViewerState = { status: 'waiting' } | { status: 'loading' } | { status: 'ready' } | { status: 'no-webgl' } | { status: 'error'; message: string };

/** The message of a failure to load or draw a model, in words. */
export const DRAW_FAILED = 'The 3D view could not be drawn in this browser.';

type ViewerStageProps = {
  ref: Ref<HTMLDivElement>;
  view: ViewerState;
  /** What still works without the 3D view, said after "This browser cannot draw 3D graphics". */
  withoutWebgl: string;
  /** Shown under the failure, such as a way to try another source. */
  errorAction?: ReactNode;
  children?: ReactNode;
};

export function ViewerStage({ ref, view, withoutWebgl, errorAction, children }: ViewerStageProps) {
  return (
    <div className="viewer-stage" ref={ref} data-state={view.status} aria-busy={view.status === 'loading'}>
      {view.status === 'loading' ? (
        <p className="viewer-overlay" role="status">
          Loading the 3D view…
        </p>
      ) : null}
      {view.status === 'no-webgl' ? (
        <div className="viewer-overlay">
          <Notice tone="warning" title="3D view unavailable">
            <p>This browser cannot draw 3D graphics (WebGL is turned off or not supported). {withoutWebgl}</p>
          </Notice>
        </div>
      ) : null}
      {view.status === 'error' ? (
        <div className="viewer-overlay">
          <Notice tone="error" title="3D view unavailable">
            <p>{view.message}</p>
          </Notice>
          {errorAction}
        </div>
      ) : null}
      {children}
    </div>
  );
}
