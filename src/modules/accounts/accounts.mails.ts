import { linkLifetimeWords } from './link-lifetimes.js';

/** "Hello Ada," or, where the policy does not let us ask names, "Hello,". */
const hello = (name: string) => `Hello${name ? ` ${name}` : ''},`;

/** The texts of the e-mails the accounts module sends. Links carry a token; nothing else secret. */
export const accountsMails = {
  verifyEmail: (name: string, link: string) => ({
    kind: 'accounts.verify_email',
    subject: 'Confirm your e-mail address',
    text: `${hello(name)}\n\nConfirm your e-mail address to finish creating your Meshvault account:\n\n${link}\n\nThe link works for ${linkLifetimeWords('verify_email')}. If you did not sign up, ignore this message.`,
  }),
  resetPassword: (name: string, link: string) => ({
    kind: 'accounts.reset_password',
    subject: 'Reset your password',
    text: `${hello(name)}\n\nSomeone (hopefully you) asked to reset your password. Choose a new one here:\n\n${link}\n\nThe link works for ${linkLifetimeWords('reset_password')}. If it was not you, ignore this message: your password is unchanged.`,
  }),
  signInLink: (name: string, link: string) => ({
    kind: 'accounts.sign_in_link',
    subject: 'Your sign-in link',
    text: `${hello(name)}\n\nSign in to your Meshvault account with this link:\n\n${link}\n\nThe link works once, for ${linkLifetimeWords('sign_in')}. If you did not ask for it, ignore this message: nobody can sign in without it.`,
  }),
  /** Sent instead of creating anything when someone signs up with an address that already has an account. */
  signUpWithExistingAddress: (name: string, signIn: 'password' | 'email_link') => ({
    kind: 'accounts.sign_up_existing_address',
    subject: 'Someone tried to open an account with your address',
    text: `${hello(name)}\n\nSomeone tried to open a Meshvault account with your e-mail address, which already has one; nothing was changed.\nIf it was you, ${signIn === 'password' ? 'sign in, or reset your password if you forgot it' : 'sign in: ask for a sign-in link on the sign-in page'}. If it was not you, ignore this message.`,
  }),
  changeEmail: (name: string, link: string) => ({
    kind: 'accounts.change_email',
    subject: 'Confirm your new e-mail address',
    text: `${hello(name)}\n\nConfirm that this is your new e-mail address for Meshvault:\n\n${link}\n\nThe link works for ${linkLifetimeWords('change_email')}.`,
  }),
  alertNewDevice: (name: string, device: string, at: Date) => ({
    kind: 'accounts.alert_new_device',
    subject: 'New sign-in to your account',
    text: `${hello(name)}\n\nYour account was signed in from a new device (${device}) at ${at.toISOString()}.\nIf this was not you, change your password and sign out the other sessions from your account settings.`,
  }),
  alertPasswordChanged: (name: string, at: Date) => ({
    kind: 'accounts.alert_password_changed',
    subject: 'Your password was changed',
    text: `${hello(name)}\n\nYour password was changed at ${at.toISOString()}.\nIf this was not you, reset your password now and contact us.`,
  }),
  alertEmailChanged: (name: string, at: Date) => ({
    kind: 'accounts.alert_email_changed',
    subject: 'Your e-mail address was changed',
    text: `${hello(name)}\n\nThe e-mail address of your account was changed at ${at.toISOString()}; messages now go to the new address.\nIf this was not you, contact us at once.`,
  }),
  alertSessionsRevoked: (name: string, count: number, at: Date) => ({
    kind: 'accounts.alert_sessions_revoked',
    subject: 'Sessions signed out',
    text: `${hello(name)}\n\n${count} session${count === 1 ? ' was' : 's were'} signed out of your account at ${at.toISOString()}.`,
  }),
};
