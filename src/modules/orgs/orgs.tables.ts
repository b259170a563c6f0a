export type OrgRole = 'admin' | 'member';
export type MemberStatus = 'active' | 'suspended';

export interface OrgsTables {
  organisations: { id: string; name: string; created_at: Date };
  organisation_domains: { domain: string; org_id: string };
  organisation_members: { org_id: string; user_id: string; role: OrgRole; status: MemberStatus; joined_at: Date };
  organisation_invitations: {
    id: string;
    org_id: string;
    email: string;
    token_hash: string;
    invited_by: string | null;
    created_at: Date;
    expires_at: Date;
    accepted_at: Date | null;
  };
}
