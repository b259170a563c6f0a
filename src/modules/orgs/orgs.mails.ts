import { mailTemplate } from '../../platform/mail/index.js';
import { orgNotice } from './org-notice.js';

const askAdmin = 'Direct questions about your data, and requests to exercise your data protection rights, to your organisation\'s administrator.';

/** The templates of the e-mails the organisations module sends, one per kind. */
export const orgsMails = {
  joinedByDomain: mailTemplate('orgs.joined_by_domain', (name: string, orgName: string, domain: string) => ({
    subject: `Your account now belongs to ${orgName}`,
    greeting: `Hello ${name},`,
    blocks: [
      `Your e-mail address is at ${domain}, a domain the organisation ${orgName} has claimed, so your Meshvault account has joined it.`,
      `From now on your organisation can control your account and see its data. ${orgNotice(orgName)}`,
      `If you leave the organisation you may lose access to this account. ${askAdmin}`,
    ],
  })),
  joinedByInvitation: mailTemplate('orgs.joined_by_invitation', (name: string, orgName: string) => ({
    subject: `You joined ${orgName}`,
    greeting: `Hello ${name},`,
    blocks: [`You accepted the invitation: your Meshvault account has joined the organisation ${orgName}.`, `From now on your organisation can control your account and see its data. ${orgNotice(orgName)}`, askAdmin],
  })),
  madeAdmin: mailTemplate('orgs.made_admin', (name: string, orgName: string) => ({
    subject: `You administer ${orgName}`,
    greeting: `Hello ${name},`,
    blocks: [`You are now an administrator of the organisation ${orgName} on Meshvault: you can invite, suspend and remove its members.`, orgNotice(orgName)],
  })),
  invitation: mailTemplate('orgs.invitation', (orgName: string, inviterName: string, link: string, days: number) => ({
    subject: `Join ${orgName} on Meshvault`,
    greeting: 'Hello,',
    blocks: [
      `${inviterName} invites you to join the organisation ${orgName} on Meshvault. Sign in (or create an account with this e-mail address), then accept here:`,
      { action: 'See the invitation', url: link },
      `The link works for ${days} days and only once. If you join, the organisation's administrators can control your account — invite, suspend or remove it — and access, export or erase the data in it. If you do not want that, ignore this message.`,
    ],
  })),
  suspended: mailTemplate('orgs.member_suspended', (name: string, orgName: string) => ({
    subject: 'Your account was suspended by your organisation',
    greeting: `Hello ${name},`,
    blocks: [`An administrator of your organisation ${orgName} suspended your Meshvault account: you were signed out and cannot sign in until they reactivate it. Contact your organisation's administrator.`],
  })),
  reactivated: mailTemplate('orgs.member_reactivated', (name: string, orgName: string) => ({
    subject: 'Your account was reactivated',
    greeting: `Hello ${name},`,
    blocks: [`An administrator of your organisation ${orgName} reactivated your Meshvault account: you can sign in again.`],
  })),
  removed: mailTemplate('orgs.member_removed', (name: string, orgName: string) => ({
    subject: `You were removed from ${orgName}`,
    greeting: `Hello ${name},`,
    blocks: [`An administrator of the organisation ${orgName} removed your Meshvault account from it. The organisation no longer controls your account or sees its new data; your account itself stays open.`],
  })),
};
