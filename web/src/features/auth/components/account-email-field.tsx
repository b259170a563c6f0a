import { TextField } from '../../../components/field.js';

/** The address of an existing account, as the sign-in and password-reset forms ask for it (password managers fill it as the user name). */
export function AccountEmailField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | undefined }) {
  return (
    <TextField
      label="E-mail address"
      name="email"
      type="email"
      autoComplete="username"
      inputMode="email"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      required
    />
  );
}
