import type { ProjectStatus } from '../api/projects-api.js';
import { STATUS_LABELS, STATUS_TONES } from '../utils/format.js';

export function StatusBadge({ status, className }: { status: ProjectStatus; className?: string }) {
  const tone = STATUS_TONES[status];
  return <span className={`badge status-badge${tone === 'plain' ? '' : ` badge-${tone}`}${className ? ` ${className}` : ''}`}>{STATUS_LABELS[status]}</span>;
}
