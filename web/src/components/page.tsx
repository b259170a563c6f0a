import { useEffect, type ReactNode } from 'react';

/**
 * Every page starts here: the document title and one <h1>. The layout moves focus to that heading
 * after each navigation, so it is focusable but not in the Tab order.
 */
export function Page({ title, intro, width = 'normal', children }: { title: string; intro?: ReactNode; width?: 'narrow' | 'normal' | 'wide'; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Meshvault`;
  }, [title]);
  return (
    <div className={`page page-${width}`}>
      <header className="page-header">
        <h1 tabIndex={-1} data-page-heading>
          {title}
        </h1>
        {intro ? <p className="page-intro">{intro}</p> : null}
      </header>
      {children}
    </div>
  );
}

/** A titled panel within a page; its heading labels the region for assistive technology. */
export function Section({ title, description, children, id }: { title: string; description?: ReactNode; children: ReactNode; id?: string }) {
  const headingId = `${id ?? slug(title)}-heading`;
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {description ? <p className="section-description">{description}</p> : null}
      {children}
    </section>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
