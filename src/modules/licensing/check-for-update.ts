import type { RequestContext } from '../../platform/http/index.js';
import { signLink, verifyLink } from '../../platform/crypto/index.js';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { desktopActor, desktopWho } from './desktop-actor.js';
import { authenticate, type DesktopCredential } from './licence-context.js';
import { assertUsable } from './licence-usable.js';
import type { LicensingDeps } from './licensing.deps.js';
import { licensingErrors } from './licensing.errors.js';
import type { TUpgrade, TUpgradeQuery } from './licensing.schema.js';
import * as store from './licensing.store.js';
import type { LicensingTables, ReleaseChannel } from './licensing.tables.js';
import { compareSemVer, parseSemVer } from './semver.js';

/** Keygen's channels: asking for one also offers the more stable ones (beta sees rc and stable too). */
const CHANNELS: readonly ReleaseChannel[] = ['stable', 'rc', 'beta', 'alpha', 'dev'];
/** How long a download link works: long enough to start a download, short enough not to be shared. */
const DOWNLOAD_LINK_SECONDS = 3600;
const LINK_PURPOSE = 'licensing-download';

/**
 * Keygen's upgrade check: the newest release of the licence's product for the platform and channel
 * that is newer than the version the app runs, with a signed download link that expires. The version
 * a machine runs is recorded on it (technical.software_version), audited when it changes.
 */
export async function checkForUpdate(deps: LicensingDeps, credential: DesktopCredential, query: TUpgradeQuery, ctx: RequestContext): Promise<TUpgrade> {
  const current = parseSemVer(query.version);
  if (!current) throw licensingErrors.badVersion(query.version);
  return deps.uow.run(desktopWho(ctx), async (work) => {
    const db = tablesOf<LicensingTables>(work);
    const found = await authenticate(db, credential);
    const now = deps.now();
    assertUsable(found.licence, now);
    if (found.machine && found.machine.app_version !== query.version) {
      await store.updateMachine(db, found.machine.id, { app_version: query.version });
      await work.audit({ actor: desktopActor(found.machine.user_id), action: 'licensing.app_version_recorded', subjectId: found.machine.user_id, target: { type: 'machine', id: found.machine.id } });
    }
    const channels = CHANNELS.slice(0, CHANNELS.indexOf(query.channel ?? 'stable') + 1);
    const newer = (await store.listReleases(db, found.product.id, query.platform, channels))
      .map((r) => ({ r, v: parseSemVer(r.version) }))
      .filter((x): x is { r: typeof x.r; v: NonNullable<typeof x.v> } => x.v !== null && compareSemVer(x.v, current) > 0)
      .sort((a, b) => compareSemVer(b.v, a.v));
    const next = newer[0]?.r;
    if (!next) return { current: query.version, next: null };
    const expires = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_SECONDS;
    const sig = signLink(deps.masterKeys, LINK_PURPOSE, `${next.id}.${expires}`);
    return {
      current: query.version,
      next: {
        id: next.id,
        version: next.version,
        channel: next.channel,
        platform: next.platform,
        notes: next.notes,
        publishedAt: next.published_at,
        download: { url: `${deps.publicUrl}/api/desktop/v1/releases/${next.id}/download?expires=${expires}&sig=${sig}`, expiresAt: new Date(expires * 1000) },
      },
    };
  });
}

/** Where a signed download link leads (the artifact's own address), while the link is valid. */
export async function resolveDownload(deps: LicensingDeps, releaseId: string, link: { expires: number; sig: string }): Promise<string> {
  if (!verifyLink(deps.masterKeys, LINK_PURPOSE, `${releaseId}.${link.expires}`, link.sig)) throw licensingErrors.badDownloadLink();
  if (link.expires * 1000 < deps.now().getTime()) throw licensingErrors.badDownloadLink();
  const release = await store.findRelease(deps.db, releaseId);
  if (!release) throw licensingErrors.badDownloadLink();
  return release.artifact_url;
}
