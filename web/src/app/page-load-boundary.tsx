import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Notice } from '../components/alerts.js';
import { Page } from '../components/page.js';
import { PageCodeMissing } from './lazy-page.js';

type Failure = 'code-missing' | 'failed-to-draw';

/**
 * What a page shows when it cannot be shown, instead of an empty window: its code could not be loaded
 * (the connection dropped, the server is away), or the page failed while drawing (a defect, which the
 * browser's console then names). Given a `key` per address, the next page opens as usual.
 */
export class PageLoadBoundary extends Component<{ children: ReactNode }, { failure: Failure | undefined }> {
  override state: { failure: Failure | undefined } = { failure: undefined };

  static getDerivedStateFromError(error: unknown): { failure: Failure } {
    return { failure: error instanceof PageCodeMissing ? 'code-missing' : 'failed-to-draw' };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    if (!(error instanceof PageCodeMissing)) console.error('This page failed while drawing:', error, info.componentStack);
  }

  override render() {
    const { failure } = this.state;
    if (failure === undefined) return this.props.children;
    if (failure === 'code-missing') {
      return (
        <Page title="This page could not be loaded" width="narrow">
          <Notice tone="error" title="Its code did not arrive">
            <p>Check your connection, then reload the page.</p>
          </Notice>
        </Page>
      );
    }
    return (
      <Page title="This page could not be shown" width="narrow">
        <Notice tone="error" title="Something went wrong while drawing it">
          <p>Reload the page to try again. If it happens again, tell whoever runs this site; nothing you saved is lost.</p>
        </Notice>
      </Page>
    );
  }
}
