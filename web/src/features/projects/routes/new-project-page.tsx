import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { loadError } from '../../../lib/query.js';
import { useNavigate } from '../../../lib/router.js';
import { trackFeature } from '../../../lib/analytics.js';
import { createProject, projectOptionsQuery } from '../api/projects-api.js';
import { projectKeys } from '../api/project-keys.js';
import { ProjectForm } from '../components/project-form.js';

export function NewProjectPage() {
  const navigate = useNavigate();
  const options = useQuery(projectOptionsQuery());
  const queryClient = useQueryClient();
  return (
    <Page title="New project" intro="Tell us what to make. You add the 3D files on the next page, then get an instant quote.">
      <FormAlert message={loadError(options)} />
      {options.data ? (
        <ProjectForm
          options={options.data}
          onSubmit={async (input) => {
            const { id } = await createProject(input);
            void queryClient.invalidateQueries({ queryKey: projectKeys.list() });
            trackFeature('projects.create');
            navigate(`/projects/${id}?created=1`);
          }}
        />
      ) : options.isPending ? (
        <Loading label="Loading the processes we offer…" />
      ) : null}
    </Page>
  );
}
