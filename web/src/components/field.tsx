import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Common = { label: string; error?: string | undefined; hint?: ReactNode; optional?: boolean };

/**
 * Wires label, hint and error to the control by id, and marks it invalid when there is an error.
 * Hint and error sit under the control, so controls side by side in a grid stay level.
 */
function useFieldIds(error: string | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldLabel({ htmlFor, label, optional }: { htmlFor: string; label: string; optional?: boolean | undefined }) {
  return (
    <label htmlFor={htmlFor} className="field-label">
      {label}
      {optional ? <span className="field-optional"> (optional)</span> : null}
    </label>
  );
}

function FieldMessages({ hintId, hint, errorId, error }: { hintId: string | undefined; hint: ReactNode; errorId: string | undefined; error: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ label, error, hint, optional, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <FieldLabel htmlFor={ids.id} label={label} optional={optional} />
      <input id={ids.id} className="input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} type="text" {...input} />
      <FieldMessages hintId={ids.hintId} hint={hint} errorId={ids.errorId} error={error} />
    </div>
  );
}

export function TextAreaField({ label, error, hint, optional, ...textarea }: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string }) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <FieldLabel htmlFor={ids.id} label={label} optional={optional} />
      <textarea id={ids.id} className="input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...textarea} />
      <FieldMessages hintId={ids.hintId} hint={hint} errorId={ids.errorId} error={error} />
    </div>
  );
}

export function SelectField({ label, error, hint, optional, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement> & { name: string }) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <FieldLabel htmlFor={ids.id} label={label} optional={optional} />
      <select id={ids.id} className="input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...select}>
        {children}
      </select>
      <FieldMessages hintId={ids.hintId} hint={hint} errorId={ids.errorId} error={error} />
    </div>
  );
}

export function CheckboxField({ label, error, hint, ...input }: Omit<Common, 'optional' | 'label'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { name: string; label: ReactNode }) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <div className="checkbox-row">
        <input id={ids.id} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
        <label htmlFor={ids.id}>{label}</label>
      </div>
      <FieldMessages hintId={ids.hintId} hint={hint} errorId={ids.errorId} error={error} />
    </div>
  );
}
