import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField, TextField } from '../../../components/field.js';
import { Loading, Page } from '../../../components/page.js';
import { ROLE_LABELS, useCurrentUser, type Role } from '../../../lib/auth.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { PAGE_SIZE, usersQuery, useSetUserRole, type AdminUser, type UserQuery } from '../api/admin-users-api.js';
import { RoleEditor } from '../components/role-editor.js';

export function AdminUsersPage() {
  const me = useCurrentUser();
  const [draft, setDraft] = useState<{ q: string; role: Role | '' }>({ q: '', role: '' });
  const [query, setQuery] = useState<UserQuery>({ q: '', role: '', offset: 0 });
  const users = useQuery(usersQuery(query));
  const setUserRole = useSetUserRole();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function changeRole(user: AdminUser, role: Role) {
    setBusyId(user.id);
    setError(null);
    setStatus(null);
    try {
      await setUserRole.mutateAsync({ id: user.id, role });
      setStatus(`${user.name} is now ${ROLE_LABELS[role]}.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  const rows = (users.data ?? []).slice(0, PAGE_SIZE);
  const hasMore = (users.data?.length ?? 0) > PAGE_SIZE;
  return (
    <Page title="Users" intro="Everyone with an account. Searching matches names and e-mail addresses." width="wide">
      <form
        className="card form filter-bar"
        role="search"
        aria-label="Search users"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...draft, q: draft.q.trim(), offset: 0 });
        }}
      >
        <TextField label="Search" name="q" type="search" value={draft.q} onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))} />
        <SelectField label="Role" name="role" value={draft.role} onChange={(e) => setDraft((d) => ({ ...d, role: e.target.value as Role | '' }))}>
          <option value="">All roles</option>
          {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <Button type="submit">Search</Button>
      </form>
      <FormAlert message={error ?? loadError(users)} />
      <StatusMessage>{status}</StatusMessage>
      <div className="card">
        {users.isPending ? <Loading label="Loading users…" /> : null}
        {!users.isFetching && rows.length === 0 ? <p className="muted">No user matches this search.</p> : null}
        {rows.length > 0 ? (
          <div className="table-wrap">
            <table className="table" aria-busy={users.isFetching}>
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((user) => (
                  <tr key={user.id}>
                    <th scope="row" data-label="Name">
                      {user.name}
                      {user.id === me.id ? <span className="badge">You</span> : null}
                    </th>
                    <td data-label="E-mail">
                      {user.email}
                      {user.emailVerified ? null : <span className="badge badge-warn">Unconfirmed</span>}
                    </td>
                    <td data-label="Status">{user.status === 'active' ? 'Active' : 'Suspended'}</td>
                    <td data-label="Created" className="nowrap">{formatDate(user.createdAt)}</td>
                    <td data-label="Role">
                      {/* Keyed by role so the editor resets after a save. */}
                      <RoleEditor key={user.role} userName={user.name} role={user.role} disabled={user.id === me.id} busy={busyId === user.id} onSave={(role) => void changeRole(user, role)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <nav className="pager" aria-label="Pages of users">
          <Button variant="secondary" disabled={query.offset === 0} onClick={() => setQuery((q) => ({ ...q, offset: Math.max(0, q.offset - PAGE_SIZE) }))}>
            Previous
          </Button>
          <span className="muted small">{rows.length > 0 ? `${query.offset + 1}–${query.offset + rows.length}` : ''}</span>
          <Button variant="secondary" disabled={!hasMore} onClick={() => setQuery((q) => ({ ...q, offset: q.offset + PAGE_SIZE }))}>
            Next
          </Button>
        </nav>
      </div>
    </Page>
  );
}
