import { HttpErrorResponse } from '@angular/common/http';

/** RFC 9457 problem details as the PeerPals API sends them; domain errors add members (e.g. `capacity`). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

const GENERIC = 'Something went wrong. Please try again.';

const MESSAGES: Record<string, string | ((problem: Problem) => string)> = {
  INVALID_CREDENTIALS: 'The email or password is not right.',
  ACCOUNT_INACTIVE: 'This account is not active. Please contact your programme coordinator.',
  RATE_LIMITED: (p) =>
    isText(p['retryAt'])
      ? `Too many wrong codes. Try again in ${minutesUntil(p['retryAt'])} minutes.`
      : 'Too many attempts. Please wait a minute and try again.',
  MFA_CODE_INVALID:
    'That code is not right, or it has been used already. Enter the current code from your authenticator app, or an unused recovery code.',
  MFA_CHALLENGE_INVALID: 'That sign-in step has expired. Please sign in again.',
  MFA_ALREADY_ENABLED: 'Two-step sign-in is already on for your account.',
  MFA_NOT_ENABLED: 'Two-step sign-in is not on for your account.',
  MFA_ENROLMENT_NOT_STARTED: 'Start the set-up again: scan the new QR code, then enter a code from it.',
  SESSION_EXPIRED: 'Your session has ended. Please sign in again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You do not have permission to do this.',
  INVITATION_INVALID:
    'This invitation link no longer works: it has been used, replaced by a newer link, or it has expired. Ask your programme coordinator to send you a new invitation.',
  INVITATION_NOT_ALLOWED:
    'This person has already chosen a password, so no new invitation can be issued. Send them a password reset instead.',
  RESET_TOKEN_INVALID:
    'This reset link no longer works: it has been used, replaced by a newer link, or it has expired. Ask for a new one.',
  MAIL_NOT_CONFIGURED:
    'This server cannot send e-mail yet, so the reset link cannot reach the person. Ask whoever runs PeerPals to set up e-mail (SMTP_URL).',
  EMAIL_TAKEN: (p) => `An account with ${isText(p['email']) ? p['email'] : 'this email address'} already exists.`,
  MENTOR_AT_CAPACITY: (p) =>
    `This mentor is full${typeof p['capacity'] === 'number' ? ` (${p['capacity']} of ${p['capacity']} students)` : ''}. Raise their capacity or choose another mentor.`,
  ALREADY_ASSIGNED: 'This student is already assigned to this mentor.',
  OWN_ACCOUNT: 'You cannot change the role of your own account or deactivate it. Ask another admin to do it.',
  ROLE_CHANGE_BLOCKED: (p) =>
    `This person still has ${typeof p['assignments'] === 'number' ? p['assignments'] : 'some'} mentorship assignment(s). Remove them before changing the role.`,
  NOT_FOUND: 'It no longer exists; someone may have removed it. Reload the page and try again.',
  INVALID_CURSOR: 'The list changed while you were paging through it. Start again from the first page.',
  PAYLOAD_TOO_LARGE: 'The file is too large.',
  THREAD_LOCKED: 'This thread is locked by the moderators: nobody can reply to it any more.',
  POST_DELETED: 'This post was deleted, so it can no longer be changed.',
  NOT_A_MENTOR_REPLY: 'Only a reply written by a mentor can be the accepted answer.',
  NOT_ANONYMOUS: 'This post already shows its author, so there is nothing to reveal.',
  REVEAL_NEEDS_SECOND_ADMIN:
    'You asked for this reveal, so a different admin must approve it. A programme without two independent admins cannot reveal an author.',
  REVEAL_APPROVER_NOT_INDEPENDENT: (p) =>
    `${isText(p.detail) ? `${asSentence(p.detail)} ` : ''}A reveal needs two independent admins: each made on the server (command line or single sign-on) or by another admin at least 7 days ago, and the one who approves not created, invited or made admin by the one who asked.`,
  REVEAL_NOT_PENDING: 'Another admin has already decided on this request. Reload the page to see the decision.',
  NOT_ASSIGNED: 'You can only do this with a mentor or student assigned to you.',
  REQUEST_ALREADY_PENDING: (p) => {
    const pending = p['pendingRequest'] as { mentorName?: unknown } | undefined;
    const to = isText(pending?.mentorName) ? ` to ${pending.mentorName}` : '';
    return `You already have a pending request${to}. You can send a new one once it is answered, or when it expires.`;
  },
  REQUEST_NOT_PENDING: (p) =>
    `This request is ${isText(p['requestStatus']) ? p['requestStatus'] : 'no longer pending'} and can no longer be changed. Reload the page to see where it stands.`,
  MONTHLY_QUOTA_EXCEEDED: (p) =>
    `The monthly limit${typeof p['limit'] === 'number' ? ` of ${p['limit']} session${p['limit'] === 1 ? '' : 's'}` : ''} is reached for this month.`,
  SCHEDULE_CONFLICT: (p) =>
    (p['conflict'] as { party?: unknown } | undefined)?.party === 'student'
      ? 'The student already has another session at that time.'
      : 'The mentor already has another session at that time.',
  SESSION_NOT_STARTED: 'The session has not started yet. Mark it completed or no-show once it has begun.',
};

// Server field messages start with the property name ("newPassword must be …").
const FIELD_LABELS: Record<string, string> = {
  password: 'Password',
  code: 'Code',
  newPassword: 'New password',
  currentPassword: 'Current password',
  displayName: 'Name',
  timeZone: 'Time zone',
  mentorCapacity: 'Capacity',
  quotaOverride: 'Quota override',
  studentId: 'Student',
  mentorId: 'Mentor',
  title: 'Title',
  body: 'Text',
  tags: 'Tags',
  topic: 'Topic',
  message: 'Message',
  preferredTimes: 'Preferred times',
  startsAt: 'The start',
  endsAt: 'The end',
  location: 'Location',
  meetingUrl: 'Meeting link',
  agenda: 'Agenda',
  reason: 'Reason',
};

/** Turns a failed request into a sentence that can be shown to the user as it is. */
export function problemMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return GENERIC;
  if (error.status === 0) return 'Cannot reach PeerPals. Check your connection.';

  const problem = readProblem(error.error);
  const code = problemCode(error);
  const known = code ? MESSAGES[code] : undefined;
  if (known) return typeof known === 'string' ? known : known(problem ?? {});

  if (code === 'VALIDATION_FAILED') {
    const messages = Object.values(fieldMessages(error));
    if (messages.length > 0) return messages.join(' ');
  }

  const detail = problem?.detail;
  return isText(detail) ? asSentence(detail) : GENERIC;
}

/** The stable `code` of a failed request, if the server sent one. */
export function problemCode(error: unknown): string | undefined {
  if (!(error instanceof HttpErrorResponse)) return undefined;
  return readProblem(error.error)?.code ?? (error.status === 429 ? 'RATE_LIMITED' : undefined);
}

/** The messages of a VALIDATION_FAILED problem by field, as sentences, so a form can show each beside its field. */
export function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof HttpErrorResponse)) return {};
  const messages: Record<string, string> = {};
  for (const { field, message } of readProblem(error.error)?.errors ?? []) {
    if (!isText(message)) continue;
    const label = FIELD_LABELS[field];
    const text = label && message.startsWith(`${field} `) ? `${label}${message.slice(field.length)}` : message;
    messages[field] = messages[field] ? `${messages[field]} ${asSentence(text)}` : asSentence(text);
  }
  return messages;
}

function readProblem(body: unknown): Problem | null {
  if (typeof body === 'string') {
    try {
      return readProblem(JSON.parse(body));
    } catch {
      return null;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Problem) : null;
}

function minutesUntil(instant: string): number {
  return Math.max(1, Math.ceil((new Date(instant).getTime() - Date.now()) / 60_000));
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
