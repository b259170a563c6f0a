import { Component, type ReactNode } from 'react';
import { Notice } from '../components/alerts.js';
import { Page } from '../components/page.js';

/**
 * What a page shows when its code could not be loaded (the connection dropped, the server is away):
 * a page that says so, instead of an empty window. Given a `key` per address, the next page opens as
 * usual.
 */
export class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Page title="This page could not be loaded" width="narrow">
        <Notice tone="error" title="Its code did not arrive">
          <p>Check your connection, then reload the page.</p>
        </Notice>
      </Page>
    );
  }
}
