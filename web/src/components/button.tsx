import type { ComponentPropsWithRef } from 'react';

type ButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /** While true the button says what is happening and ignores presses, but stays focusable. */
  busy?: boolean;
  busyLabel?: string;
};

export function Button({ variant = 'primary', busy = false, busyLabel, className, children, type = 'button', onClick, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`button button-${variant}${className ? ` ${className}` : ''}`}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {busy ? (busyLabel ?? 'Working…') : children}
    </button>
  );
}
