import type { Principal } from '../../platform/http/index.js';
import { latestMailTo } from '../../test-support/http-client.js';
import type { TestApp } from '../../test-support/test-app.js';

const ctx = { requestId: 'test' };
const as = (userId: string, role: Principal['role']): Principal => ({ userId, sessionId: 'test', role });

/**
 * An organisation made the way the operator makes one (a platform admin names its first admin),
 * with each member joined by accepting an e-mailed invitation, as in production.
 */
export async function createOrgWithMembers(app: TestApp, input: { operatorId: string; name: string; adminId: string; adminEmail: string; members: Array<{ id: string; email: string }> }) {
  const { id } = await app.services.orgs.create(as(input.operatorId, 'admin'), { name: input.name, domains: [], adminEmail: input.adminEmail }, ctx);
  for (const member of input.members) {
    await app.services.orgs.invite(as(input.adminId, 'customer'), id, member.email, ctx);
    const { token } = await latestMailTo(app, member.email);
    if (!token) throw new Error(`no invitation token mailed to ${member.email}`);
    await app.services.orgs.acceptInvitation(as(member.id, 'customer'), token, ctx);
  }
  return id;
}
