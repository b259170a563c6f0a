import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { storeInTab, tabStorage } from '../lib/tab-storage.js';

const RELOADED = 'meshvault:reloaded-for-page-code';

/** A page's code that did not arrive, as its error boundary (page-load-boundary.tsx) is told. */
export class PageCodeMissing extends Error {
  constructor(cause: unknown) {
    super("This page's code could not be loaded.", { cause });
    this.name = 'PageCodeMissing';
  }
}

/**
 * How browsers word a dynamic import whose script, or one it imports, could not be fetched (Chromium,
 * Firefox, Safari), and how Vite's loader words a style sheet it could not fetch first. A script that
 * came and threw while it ran rejects with its own error instead: a defect, which a reload would only
 * repeat, shown by the page's error boundary as a page that failed.
 */
const CODE_NOT_FETCHED = /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i;

export function isCodeNotFetched(error: unknown): boolean {
  return error instanceof Error && CODE_NOT_FETCHED.test(error.message);
}

/**
 * A page whose code loads when it is first opened, as a chunk of its own, instead of in the script
 * every visitor loads first. `name` is the page's export in the module `load` imports.
 *
 * A tab opened before a new release asks for chunks the server no longer has (their names change with
 * their content): the first failure loads the whole page again, once, which brings the new release.
 * A second failure in a row is thrown to the page's error boundary (route-view.tsx), which says so.
 * Code that arrived and threw is thrown to the boundary as it is, at once.
 */
export function lazyPage<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    let page: ComponentType<P>;
    try {
      page = (await load())[name];
    } catch (error) {
      if (!isCodeNotFetched(error)) throw error;
      // Without storage to remember the reload by (refused or full), no reload: it could otherwise never end.
      if (tabStorage()?.getItem(RELOADED) || !storeInTab(RELOADED, '1')) throw new PageCodeMissing(error);
      window.location.reload();
      // The page is going away; nothing to show meanwhile.
      return new Promise<never>(() => {});
    }
    tabStorage()?.removeItem(RELOADED);
    return { default: page };
  });
}
