import { FormAlert } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { useNavigate } from '../../../lib/router.js';
import { useResource } from '../../../lib/use-resource.js';
import { createProject, getProjectOptions } from '../api/projects-api.js';
import { ProjectForm } from '../components/project-form.js';

export function NewProjectPage() {
  const navigate = useNavigate();
  const options = useResource((signal) => getProjectOptions(signal), []);
  return (
    <Page title="New project" intro="Tell us what to make. You add the 3D files on the next page, then get an instant quote.">
      <FormAlert message={options.status === 'error' ? options.error : null} />
      {options.data ? (
        <ProjectForm
          options={options.data}
          onSubmit={async (input) => {
            const { id } = await createProject(input);
            navigate(`/projects/${id}?created=1`);
          }}
        />
      ) : options.status === 'loading' ? (
        <Loading label="Loading the processes we offer…" />
      ) : null}
    </Page>
  );
}
