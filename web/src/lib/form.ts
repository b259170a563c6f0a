/** Form submission state: busy flag, the error summary, messages per field, and focus on failure. */
import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { isApiError, type FieldErrors } from './api/api-error.js';

/** Thrown by a form's own checks before anything is sent. */
export class FormValidationError extends Error {
  readonly fieldErrors: FieldErrors;
  constructor(fieldErrors: FieldErrors, message = 'Please correct the fields marked below.') {
    super(message);
    this.fieldErrors = fieldErrors;
  }
}

/** Collects messages from checks that failed; throws them together so every field shows its own. */
export function validate(checks: Record<string, string | false | null | undefined>): void {
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(checks)) if (message) errors[field] = message;
  if (Object.keys(errors).length > 0) throw new FormValidationError(errors);
}

export type FormState = {
  ref: RefObject<HTMLFormElement | null>;
  busy: boolean;
  error: string | null;
  fieldErrors: FieldErrors;
  handleSubmit: (action: () => Promise<void>) => (event: FormEvent<HTMLFormElement>) => void;
  clearErrors: () => void;
};

export function useForm(): FormState {
  const ref = useRef<HTMLFormElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failures, setFailures] = useState(0);

  // After a failed submit, put the keyboard where the problem is: the first invalid field, else the summary.
  useEffect(() => {
    if (failures === 0 || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('[data-form-alert]');
    target?.focus();
  }, [failures]);

  const clearErrors = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  const handleSubmit = useCallback(
    (action: () => Promise<void>) => (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (busy) return;
      setBusy(true);
      setError(null);
      setFieldErrors({});
      action()
        .catch((caught: unknown) => {
          const fields = fieldErrorsOf(caught);
          const shown = Object.keys(fields).some((name) => ref.current?.elements.namedItem(name));
          setFieldErrors(fields);
          setError(shown ? 'Please correct the fields marked below.' : messageOf(caught));
          setFailures((n) => n + 1);
        })
        .finally(() => setBusy(false));
    },
    [busy],
  );

  return { ref, busy, error, fieldErrors, handleSubmit, clearErrors };
}

function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof FormValidationError) return error.fieldErrors;
  if (isApiError(error)) return error.fieldErrors;
  return {};
}

export function messageOf(error: unknown): string {
  if (isApiError(error)) return error.detail;
  if (error instanceof FormValidationError) return error.message;
  return 'Something went wrong in the page. Reload it and try again.';
}

export const MIN_PASSWORD_LENGTH = 12;

export function checkNewPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'Use at most 256 characters.';
  return null;
}

export function checkEmail(email: string): string | null {
  const trimmed = email.trim();
  if (!trimmed) return 'Enter your e-mail address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return 'Enter an e-mail address like name@example.com.';
  return null;
}
