import { validateManifest, type ManifestProblem, type TManifest } from './manifest/index.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { checkManifestForInstallation } from './publish-manifest.js';

/**
 * The checks that need the installation, named for `meshvault manifest check`, which says which
 * ones it could not run when it has only the file.
 */
export const INSTALLATION_CHECKS: readonly string[] = ['the manifest declares every category this installation stores (the personal data of the features it runs)'];

/** A manifest checked: valid or not, its warnings (which never block), and the checks not run. */
export type ManifestCheck = (
  | { readonly ok: true; readonly manifest: TManifest }
  | { readonly ok: false; readonly problems: ManifestProblem[] }
) & { readonly warnings: ManifestProblem[]; readonly notChecked: readonly string[] };

/** Only what the file itself shows (schema, cross-references, the sanity rules): no installation needed. */
export function checkManifestOffline(yaml: string, file: string): ManifestCheck {
  return { ...validateManifest(yaml, file), notChecked: INSTALLATION_CHECKS };
}

/**
 * The one validation: the offline checks plus this installation's own. `manifest check`, `privacy
 * publish` and the editor's draft check all run it, so a manifest that checks valid publishes.
 */
export function checkManifest(deps: Pick<PrivacyDeps, 'storedCategories'>, yaml: string, file = 'manifest.yaml'): ManifestCheck {
  const { warnings } = validateManifest(yaml, file);
  const checked = checkManifestForInstallation(yaml, file, deps.storedCategories);
  return checked.ok ? { ok: true, manifest: checked.manifest, warnings, notChecked: [] } : { ok: false, problems: checked.problems, warnings, notChecked: [] };
}
