import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page whose code loads when it is first opened, as a chunk of its own, instead of in the script
 * every visitor loads first. `name` is the page's export in the module `load` imports.
 */
export function lazyPage<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
