import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { matchPath, useLocation } from '../lib/router.js';

export type NavMoreGroup = { label: string | null; paths: string[]; items: ReactNode };

/**
 * The less-used links of a crowded bar, behind one "More" button (a disclosure: Enter or Space opens
 * it, Tab walks its links, Escape closes it and returns to the button, and it closes when focus or a
 * click goes elsewhere or a page opens). On phones the menu's links are simply listed (styles.css).
 */
export function NavMoreMenu({ groups }: { groups: NavMoreGroup[] }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const holdsCurrent = groups.some((g) => g.paths.some((path) => matchPath(path, pathname) !== null));

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  return (
    <div
      className="nav-more"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpen(false);
        buttonRef.current?.focus();
      }}
      onBlur={(event) => {
        if (!rootRef.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button ref={buttonRef} type="button" className={`nav-link nav-more-button${holdsCurrent ? ' nav-more-current' : ''}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        More
        {holdsCurrent ? <span className="visually-hidden"> (holds the current page)</span> : null}
        <span className="nav-more-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="nav-more-panel" hidden={!open}>
        {groups.map((g) => (
          <ul key={g.label ?? 'main'} className="nav-list nav-more-list" aria-label={g.label ?? undefined}>
            {g.label ? (
              <li className="nav-group-label" aria-hidden="true">
                {g.label}
              </li>
            ) : null}
            {g.items}
          </ul>
        ))}
      </div>
    </div>
  );
}
