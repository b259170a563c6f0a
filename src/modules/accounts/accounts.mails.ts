import { mailTemplate } from '../../platform/mail/index.js';
import { linkLifetimeWords } from './link-lifetimes.js';

/** "Hello Ada," or, where the policy does not let us ask names, "Hello,". */
const hello = (name: string) => `Hello${name ? ` ${name}` : ''},`;

/** The templates of the e-mails the accounts module sends, one per kind. Links carry a token; nothing else secret. */
export const accountsMails = {
  verifyEmail: mailTemplate('accounts.verify_email', (name: string, link: string) => ({
    subject: 'Confirm your e-mail address',
    greeting: hello(name),
    blocks: ['Confirm your e-mail address to finish creating your Meshvault account:', { action: 'Confirm my address', url: link }, `The link works for ${linkLifetimeWords('verify_email')}. If you did not sign up, ignore this message.`],
  })),
  resetPassword: mailTemplate('accounts.reset_password', (name: string, link: string) => ({
    subject: 'Reset your password',
    greeting: hello(name),
    blocks: ['Someone (hopefully you) asked to reset your password. Choose a new one here:', { action: 'Choose a new password', url: link }, `The link works for ${linkLifetimeWords('reset_password')}. If it was not you, ignore this message: your password is unchanged.`],
  })),
  signInLink: mailTemplate('accounts.sign_in_link', (name: string, link: string) => ({
    subject: 'Your sign-in link',
    greeting: hello(name),
    blocks: ['Sign in to your Meshvault account with this link:', { action: 'Sign in', url: link }, `The link works once, for ${linkLifetimeWords('sign_in')}. If you did not ask for it, ignore this message: nobody can sign in without it.`],
  })),
  /** Sent instead of creating anything when someone signs up with an address that already has an account. */
  signUpWithExistingAddress: mailTemplate('accounts.sign_up_existing_address', (name: string, signIn: 'password' | 'email_link') => ({
    subject: 'Someone tried to open an account with your address',
    greeting: hello(name),
    blocks: [
      `Someone tried to open a Meshvault account with your e-mail address, which already has one; nothing was changed.\nIf it was you, ${signIn === 'password' ? 'sign in, or reset your password if you forgot it' : 'sign in: ask for a sign-in link on the sign-in page'}. If it was not you, ignore this message.`,
    ],
  })),
  changeEmail: mailTemplate('accounts.change_email', (name: string, link: string) => ({
    subject: 'Confirm your new e-mail address',
    greeting: hello(name),
    blocks: ['Confirm that this is your new e-mail address for Meshvault:', { action: 'Confirm my new address', url: link }, `The link works for ${linkLifetimeWords('change_email')}.`],
  })),
  alertNewDevice: mailTemplate('accounts.alert_new_device', (name: string, device: string, at: Date) => ({
    subject: 'New sign-in to your account',
    greeting: hello(name),
    blocks: [`Your account was signed in from a new device (${device}) at ${at.toISOString()}.\nIf this was not you, change your password and sign out the other sessions from your account settings.`],
  })),
  alertPasswordChanged: mailTemplate('accounts.alert_password_changed', (name: string, at: Date) => ({
    subject: 'Your password was changed',
    greeting: hello(name),
    blocks: [`Your password was changed at ${at.toISOString()}.\nIf this was not you, reset your password now and contact us.`],
  })),
  alertEmailChanged: mailTemplate('accounts.alert_email_changed', (name: string, at: Date) => ({
    subject: 'Your e-mail address was changed',
    greeting: hello(name),
    blocks: [`The e-mail address of your account was changed at ${at.toISOString()}; messages now go to the new address.\nIf this was not you, contact us at once.`],
  })),
  alertSessionsRevoked: mailTemplate('accounts.alert_sessions_revoked', (name: string, count: number, at: Date) => ({
    subject: 'Sessions signed out',
    greeting: hello(name),
    blocks: [`${count} session${count === 1 ? ' was' : 's were'} signed out of your account at ${at.toISOString()}.`],
  })),
};
