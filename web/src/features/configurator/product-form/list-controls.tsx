import { Button } from '../../../components/button.js';

/** Move up, move down and remove for one item of a list in the product form, named after the item. */
export function ListControls({ what, index, count, onMove, onRemove }: { what: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  return (
    <div className="button-row">
      <Button variant="secondary" aria-label={`Move ${what} up`} disabled={index === 0} onClick={() => onMove(-1)}>
        ↑
      </Button>
      <Button variant="secondary" aria-label={`Move ${what} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
        ↓
      </Button>
      <Button variant="danger" aria-label={`Remove ${what}`} onClick={onRemove}>
        Remove
      </Button>
    </div>
  );
}
