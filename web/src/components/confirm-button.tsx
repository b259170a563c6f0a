import { useEffect, useRef, useState } from 'react';
import { Button } from './button.js';

/**
 * A destructive action asked twice, inline: the first press shows "Confirm" and "Cancel" in its
 * place (focus moves to Cancel, the safe choice), the second does it.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  question,
  onConfirm,
  busy = false,
  variant = 'danger',
}: {
  label: string;
  confirmLabel: string;
  question: string;
  onConfirm: () => void;
  busy?: boolean;
  variant?: 'danger' | 'secondary';
}) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus) openerRef.current?.focus();
  }, [asking, returnFocus]);

  if (!asking) {
    return (
      <Button ref={openerRef} variant={variant} busy={busy} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <Button
        variant="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button
        ref={cancelRef}
        variant="secondary"
        onClick={() => {
          setReturnFocus(true);
          setAsking(false);
        }}
      >
        Cancel
      </Button>
    </span>
  );
}
