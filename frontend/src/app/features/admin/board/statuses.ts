import type { RequestStatus } from '@app/core/api/models/request-status';
import type { SessionStatus } from '@app/core/api/models/session-status';

export const SESSION_STATUSES: { value: SessionStatus; label: string }[] = [
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'no_show', label: 'No-show' },
];

export const REQUEST_STATUSES: { value: RequestStatus; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'declined', label: 'Declined' },
  { value: 'withdrawn', label: 'Withdrawn' },
  { value: 'expired', label: 'Expired' },
];

export function statusLabel(status: string): string {
  return [...SESSION_STATUSES, ...REQUEST_STATUSES].find((s) => s.value === status)?.label ?? status;
}
