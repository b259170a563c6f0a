/**
 * This tab's sessionStorage, or null where the browser refuses the site storage (touching it then
 * throws). Writing may still throw when it is full: `storeInTab` says whether it was kept instead.
 */
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps `value` under `key` for this tab; false where storage is refused or full. */
export function storeInTab(key: string, value: string): boolean {
  try {
    const storage = tabStorage();
    storage?.setItem(key, value);
    return storage !== null;
  } catch {
    return false;
  }
}
