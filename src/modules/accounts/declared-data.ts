import type { AccountsDeps } from './accounts.deps.js';
import { refuseUndeclaredFields } from '../../platform/features/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsData } from './personal-data.js';

const users = accountsData.users.columns;
const sessions = accountsData.sessions.columns;

/**
 * The optional profile fields, each with the category its column is registered under in
 * personal-data.ts: the registry says which category a field is, the policy in force whether it is collected.
 */
export const PROFILE_FIELD_CATEGORIES = {
  name: users.name.category,
  phone: users.phone.category,
  company: users.company.category,
  jobTitle: users.job_title.category,
} as const;
export type ProfileField = keyof typeof PROFILE_FIELD_CATEGORIES;
export const PROFILE_FIELDS = Object.keys(PROFILE_FIELD_CATEGORIES) as ProfileField[];
export const PASSWORD_CATEGORY = users.password_hash.category;

export type SignInMethod = 'password' | 'email_link';

/** What the accounts module asks and stores under the policy in force. Read before a unit of work starts. */
export type AccountOptions = {
  signIn: SignInMethod;
  profileFields: ProfileField[];
  /** Which technical data a new session keeps: its address (technical.ip), its browser (technical.device). */
  /** `maxSeconds`: how long the policy lets the session cookie live (null: until the browser closes). */
  session: { ip: boolean; device: boolean; maxSeconds: number | null };
};

export async function accountOptions(deps: Pick<AccountsDeps, 'policy'>): Promise<AccountOptions> {
  const declares = (category: string) => deps.policy.declares(category);
  const profileFields: ProfileField[] = [];
  for (const field of PROFILE_FIELDS) if (await declares(PROFILE_FIELD_CATEGORIES[field])) profileFields.push(field);
  return {
    signIn: (await declares(PASSWORD_CATEGORY)) ? 'password' : 'email_link',
    profileFields,
    session: { ip: await declares(sessions.ip.category), device: await declares(sessions.user_agent.category), maxSeconds: (await deps.policy.sessionCookieSeconds?.()) ?? null },
  };
}

/** Refuses (422, each field with its category) any profile field given that the policy does not declare; `undefined` is "not given". */
export function refuseUndeclaredProfileFields(input: Partial<Record<ProfileField, unknown>>, options: AccountOptions): void {
  const asked = new Set<string>(options.profileFields.map((f) => PROFILE_FIELD_CATEGORIES[f]));
  refuseUndeclaredFields(input, PROFILE_FIELD_CATEGORIES, (category) => asked.has(category));
}

/** The password routes answer only while the policy declares passwords. */
export async function requirePasswords(deps: Pick<AccountsDeps, 'policy'>): Promise<void> {
  if (!(await deps.policy.declares(PASSWORD_CATEGORY))) throw accountsErrors.passwordsNotDeclared();
}

/** What the web app needs to know to ask only what the policy lets it (GET /api/auth/options). */
export async function publicAccountOptions(deps: Pick<AccountsDeps, 'policy'>): Promise<Pick<AccountOptions, 'signIn' | 'profileFields'>> {
  const { signIn, profileFields } = await accountOptions(deps);
  return { signIn, profileFields };
}
