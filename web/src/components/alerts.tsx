import type { ReactNode } from 'react';

/** A form's error summary: announced at once, and focusable so a failed submit can move focus here. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div className="alert-slot" role="alert" aria-atomic="true">
      {message ? (
        <p className="alert alert-error" tabIndex={-1} data-form-alert>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** Good news or progress, read out politely once the person is idle. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert-slot" role="status" aria-atomic="true">
      {children ? <p className="alert alert-success">{children}</p> : null}
    </div>
  );
}

/** A standing message on a page (not a reaction to something the person just did). */
export function Notice({ tone = 'info', title, children }: { tone?: 'info' | 'warning' | 'error'; title?: string; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}
