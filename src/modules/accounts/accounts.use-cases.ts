import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import type { AccountsDeps } from './accounts.deps.js';
import { confirmEmailChange, requestPasswordReset, resetPassword, verifyEmail } from './email-links.js';
import { authenticate, listSessions, revokeSessions, signOut } from './sessions.js';
import { publicAccountOptions } from './declared-data.js';
import { signIn } from './sign-in.js';
import { requestSignInLink, signInWithLink } from './sign-in-link.js';
import { signUp } from './sign-up.js';
import {
  changePassword,
  countUsers,
  createUserDirect,
  getMe,
  getUserByEmail,
  listUsersBy,
  listUsersForAdmin,
  requestEmailChange,
  setRole,
  setUserStatus,
  updateProfile,
} from './users.js';

/** The accounts use-cases, each in its own file; the app binds them to their dependencies once. */
export const accountsUseCases = {
  signUp,
  options: publicAccountOptions,
  signIn,
  requestSignInLink,
  signInWithLink,
  authenticate,
  signOut,
  listSessions,
  revokeSessions,
  verifyEmail,
  requestPasswordReset,
  resetPassword,
  confirmEmailChange,
  getMe,
  getUserByEmail,
  updateProfile,
  changePassword,
  requestEmailChange,
  listUsers: listUsersForAdmin,
  listUsersBy,
  setRole,
  setUserStatus,
  createUser: createUserDirect,
  countUsers,
};

export type AccountsService = BoundUseCases<AccountsDeps, typeof accountsUseCases>;
