import type { AuditList$Params } from '@app/core/api/fn/admin/audit-list';
import { compact, endOfDay, startOfDay } from '@app/features/admin/board/date-range';

export interface AuditFilters {
  actorId: string;
  action: string;
  targetId: string;
  /** `YYYY-MM-DD` days from date inputs, or '' */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actorId: '', action: '', targetId: '', from: '', to: '' };
export const AUDIT_PAGE_SIZE = 25;

export const KNOWN_ACTIONS: { value: string; label: string }[] = [
  { value: 'user.created', label: 'Account created' },
  { value: 'user.updated', label: 'Account changed' },
  { value: 'user.import', label: 'Accounts imported from CSV' },
  { value: 'user.invitation_reissued', label: 'Invitation sent again' },
  { value: 'user.made_admin', label: 'Admin appointed (announced to all admins)' },
  { value: 'assignment.created', label: 'Student assigned to mentor' },
  { value: 'assignment.deleted', label: 'Assignment removed' },
  { value: 'settings.updated', label: 'Settings changed' },
  { value: 'post.hidden', label: 'Post hidden' },
  { value: 'post.unhidden', label: 'Post shown again' },
  { value: 'thread.locked', label: 'Thread locked' },
  { value: 'thread.unlocked', label: 'Thread unlocked' },
  { value: 'reveal.requested', label: 'Author reveal requested' },
  { value: 'reveal.approved', label: 'Author revealed' },
  { value: 'reveal.rejected', label: 'Author reveal rejected' },
];

export function actionLabel(action: string): string {
  return KNOWN_ACTIONS.find((a) => a.value === action)?.label ?? action;
}

/** The audit-log query for the filters as typed: trimmed, empty ones left out, days as instants. */
export function auditQuery(filters: AuditFilters, cursor?: string): AuditList$Params {
  return compact({
    actorId: filters.actorId,
    action: filters.action.trim(),
    targetId: filters.targetId.trim(),
    from: startOfDay(filters.from),
    to: endOfDay(filters.to),
    limit: AUDIT_PAGE_SIZE,
    cursor,
  });
}

export interface DetailLine {
  label: string;
  value: string;
}

/** An entry's details as label/value lines a person can read ("Role: from student to mentor"). */
export function detailLines(details: Record<string, unknown> | null): DetailLine[] {
  if (!details) return [];
  return Object.entries(details).map(([key, value]) => ({ label: humanise(key), value: describe(value) }));
}

function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(describe).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('from' in record && 'to' in record && Object.keys(record).length === 2)
      return `from ${describe(record['from'])} to ${describe(record['to'])}`;
    return Object.entries(record)
      .map(([k, v]) => `${humanise(k)}: ${describe(v)}`)
      .join('; ');
  }
  return String(value);
}
