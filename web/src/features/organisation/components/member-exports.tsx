import { useState } from 'react';
import { FormAlert } from '../../../components/alerts.js';
import { ExportDownloadButton } from '../../../components/export-download-button.js';
import { Section } from '../../../components/page.js';
import { formatDateTime, formatFileSize } from '../../../lib/format.js';
import { EXPORT_STATUS_BADGE, EXPORT_STATUS_WORDS } from '../../../lib/data-exports.js';
import type { MemberExport } from '../api/organisation-api.js';

/** The exports of members' data this administrator asked for; a ready one downloads through a fresh single-use link. */
export function MemberExports({ exports, error }: { exports: MemberExport[] | undefined; error: string | null }) {
  const [failure, setFailure] = useState<string | null>(null);

  return (
    <Section
      title="Exports of members' data"
      description="Copies you asked for with “Export data”. Only you can download them; each download link works once. The member is told by e-mail when you ask."
    >
      <FormAlert message={failure ?? error} />
      {exports && exports.length === 0 ? <p className="muted">You have not asked for an export of a member's data.</p> : null}
      {exports && exports.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Exports of members' data you asked for</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exports.map((item) => (
                <tr key={item.id}>
                  <th scope="row" data-label="Member">
                    {item.memberName}
                  </th>
                  <td data-label="Requested" className="nowrap">
                    {formatDateTime(item.createdAt)}
                  </td>
                  <td data-label="Status" className="member-status">
                    <span className={`badge ${EXPORT_STATUS_BADGE[item.status]}`}>{EXPORT_STATUS_WORDS[item.status]}</span>
                    {item.downloadedAt ? <span className="muted small"> · downloaded {formatDateTime(item.downloadedAt)}</span> : null}
                  </td>
                  <td data-label="Size" className="nowrap">
                    {item.sizeBytes === null ? '—' : formatFileSize(item.sizeBytes)}
                  </td>
                  <td className="actions">
                    {item.status === 'ready' ? (
                      <ExportDownloadButton
                        exportId={item.id}
                        label={`Download the export of ${item.memberName}'s data requested ${formatDateTime(item.createdAt)}`}
                        onError={setFailure}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
