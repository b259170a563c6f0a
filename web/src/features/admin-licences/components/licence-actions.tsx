import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import type { LicenceChange, StaffLicence } from '../api/admin-licences-api.js';

/** What an admin may do to a licence in its state: suspend an active one, reinstate a suspended one, revoke either. */
export function LicenceActions({ licence, busy, onChange }: { licence: StaffLicence; busy: boolean; onChange: (change: LicenceChange) => void }) {
  if (licence.status === 'revoked') return <span className="muted">Revoked</span>;
  return (
    <div className="button-row">
      {licence.status === 'active' ? (
        <Button variant="secondary" className="button-small" busy={busy} onClick={() => onChange('suspend')}>
          Suspend
        </Button>
      ) : null}
      {licence.status === 'suspended' ? (
        <Button variant="secondary" className="button-small" busy={busy} onClick={() => onChange('reinstate')}>
          Reinstate
        </Button>
      ) : null}
      <ConfirmButton label="Revoke" confirmLabel={`Revoke ${licence.key}`} question="Revoke this licence for good? Its devices are deactivated." busy={busy} onConfirm={() => onChange('revoke')} />
    </div>
  );
}
