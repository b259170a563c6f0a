import { orgNotice } from './org-notice.js';

const askAdmin = 'Direct questions about your data, and requests to exercise your data protection rights, to your organisation\'s administrator.';

/** The texts of the e-mails the organisations module sends. */
export const orgsMails = {
  joinedByDomain: (name: string, orgName: string, domain: string) => ({
    kind: 'orgs.joined_by_domain',
    subject: `Your account now belongs to ${orgName}`,
    text: `Hello ${name},\n\nYour e-mail address is at ${domain}, a domain the organisation ${orgName} has claimed, so your Meshvault account has joined it.\n\nFrom now on your organisation can control your account and see its data. ${orgNotice(orgName)}\n\nIf you leave the organisation you may lose access to this account. ${askAdmin}`,
  }),
  joinedByInvitation: (name: string, orgName: string) => ({
    kind: 'orgs.joined_by_invitation',
    subject: `You joined ${orgName}`,
    text: `Hello ${name},\n\nYou accepted the invitation: your Meshvault account has joined the organisation ${orgName}.\n\nFrom now on your organisation can control your account and see its data. ${orgNotice(orgName)}\n\n${askAdmin}`,
  }),
  madeAdmin: (name: string, orgName: string) => ({
    kind: 'orgs.made_admin',
    subject: `You administer ${orgName}`,
    text: `Hello ${name},\n\nYou are now an administrator of the organisation ${orgName} on Meshvault: you can invite, suspend and remove its members.\n\n${orgNotice(orgName)}`,
  }),
  invitation: (orgName: string, inviterName: string, link: string, days: number) => ({
    kind: 'orgs.invitation',
    subject: `Join ${orgName} on Meshvault`,
    text: `Hello,\n\n${inviterName} invites you to join the organisation ${orgName} on Meshvault. Sign in (or create an account with this e-mail address), then accept here:\n\n${link}\n\nThe link works for ${days} days and only once. If you join, the organisation's administrators can control your account — invite, suspend or remove it — and access, export or erase the data in it. If you do not want that, ignore this message.`,
  }),
  suspended: (name: string, orgName: string) => ({
    kind: 'orgs.member_suspended',
    subject: 'Your account was suspended by your organisation',
    text: `Hello ${name},\n\nAn administrator of your organisation ${orgName} suspended your Meshvault account: you were signed out and cannot sign in until they reactivate it. Contact your organisation's administrator.`,
  }),
  reactivated: (name: string, orgName: string) => ({
    kind: 'orgs.member_reactivated',
    subject: 'Your account was reactivated',
    text: `Hello ${name},\n\nAn administrator of your organisation ${orgName} reactivated your Meshvault account: you can sign in again.`,
  }),
  removed: (name: string, orgName: string) => ({
    kind: 'orgs.member_removed',
    subject: `You were removed from ${orgName}`,
    text: `Hello ${name},\n\nAn administrator of the organisation ${orgName} removed your Meshvault account from it. The organisation no longer controls your account or sees its new data; your account itself stays open.`,
  }),
};
