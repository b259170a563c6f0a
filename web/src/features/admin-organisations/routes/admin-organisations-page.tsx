import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { organisationsQuery } from '../api/admin-organisations-api.js';
import { CreateOrganisationForm } from '../components/create-organisation-form.js';

export function AdminOrganisationsPage() {
  const orgs = useQuery(organisationsQuery());
  return (
    <Page title="Organisations" intro="Businesses whose administrators manage their members’ accounts." width="wide">
      <div className="stack">
        <Section title="All organisations">
          <FormAlert message={loadError(orgs)} />
          {orgs.isPending ? <Loading label="Loading organisations…" /> : null}
          {orgs.data && orgs.data.length === 0 ? <p className="muted">No organisations yet.</p> : null}
          {orgs.data && orgs.data.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Organisations</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Domains</th>
                    <th scope="col" className="numeric">
                      Members
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {orgs.data.map((org) => (
                    <tr key={org.id}>
                      <th scope="row" data-label="Name">
                        {org.name}
                      </th>
                      <td data-label="Domains">{org.domains.length > 0 ? org.domains.join(', ') : <span className="muted">None</span>}</td>
                      <td data-label="Members" className="numeric">
                        {org.memberCount}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </Section>
        <CreateOrganisationForm />
      </div>
    </Page>
  );
}
