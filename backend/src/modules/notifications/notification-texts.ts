import type { DomainEvent } from '../../common/events/domain-event';
import { formatInZone } from '../../common/time/format';

export interface Person {
  id: string;
  displayName: string;
  email: string;
  role: string;
  timeZone: string;
}

/** Told in the app only: the e-mail that goes with them is the reset e-mail itself. */
export const IN_APP_ONLY_TYPES: ReadonlySet<string> = new Set(['account.password_reset_sent']);

export interface NotificationText {
  type: string;
  title: string;
  body: string;
  link: string | null;
}

/** The fixed wording of discussion notifications, shared by the in-app and the e-mail text. */
export const DISCUSSION_TEXTS = {
  reply: { title: 'New reply in one of your threads' },
  answerAccepted: {
    title: 'Your answer was accepted',
    body: 'The person who asked marked your reply as the accepted answer.',
  },
  revealed: {
    title: 'Your identity was revealed to two admins',
    body: 'Two programme admins approved revealing that you wrote an anonymous post.',
  },
} as const;

/**
 * What one person is told about an event, in their own time zone. Returns null when the event is
 * not news to them.
 */
export function notificationFor(
  event: DomainEvent,
  recipient: Person,
  people: Map<string, Person>,
): NotificationText | null {
  const data = event.data as Record<string, string | null | boolean | undefined>;
  const name = (id: unknown) => (typeof id === 'string' ? people.get(id)?.displayName : undefined) ?? 'Someone';
  const when = (iso: unknown) => (typeof iso === 'string' ? formatInZone(new Date(iso), recipient.timeZone) : '');
  const isMentor = recipient.id === data['mentorId'];
  const other = isMentor ? name(data['studentId']) : name(data['mentorId']);
  const requestLink = `/${recipient.role}/requests/${event.subject.id}`;
  const sessionLink = `/${recipient.role}/sessions/${event.subject.id}`;

  switch (event.type) {
    case 'request.created':
      return isMentor
        ? {
            type: event.type,
            title: `New request from ${other}`,
            body: `“${data['topic']}” — answer by ${when(data['expiresAt'])}.`,
            link: requestLink,
          }
        : null;
    case 'request.accepted':
      return isMentor
        ? null
        : {
            type: event.type,
            title: `${other} accepted your request`,
            body: `“${data['topic']}” — your session is scheduled.`,
            link: data['sessionId'] ? `/${recipient.role}/sessions/${data['sessionId']}` : requestLink,
          };
    case 'request.declined':
      return isMentor
        ? null
        : {
            type: event.type,
            title: `${other} declined your request`,
            body: data['declineReason']
              ? `“${data['topic']}”: ${data['declineReason']}`
              : `“${data['topic']}” — you can send a new request.`,
            link: requestLink,
          };
    case 'request.withdrawn':
      return isMentor
        ? { type: event.type, title: `${other} withdrew a request`, body: `“${data['topic']}”`, link: requestLink }
        : null;
    case 'request.expired':
      return isMentor
        ? {
            type: event.type,
            title: `A request from ${other} expired`,
            body: `“${data['topic']}” was not answered in time.`,
            link: requestLink,
          }
        : {
            type: event.type,
            title: `Your request to ${other} expired`,
            body: `“${data['topic']}” was not answered in time. You can send a new request now.`,
            link: requestLink,
          };
    case 'session.scheduled':
      return {
        type: event.type,
        title: `Session with ${other} scheduled`,
        body: when(data['startsAt']),
        link: sessionLink,
      };
    case 'session.moved':
      return {
        type: event.type,
        title: `Session with ${other} moved`,
        body: `Now ${when(data['startsAt'])}.`,
        link: sessionLink,
      };
    case 'session.cancelled':
      return {
        type: event.type,
        title: `Session with ${other} cancelled`,
        body: `${when(data['startsAt'])} — ${data['cancelledBy'] === 'mentor' ? 'cancelled by the mentor' : 'cancelled by the student'}${data['reason'] ? `: ${data['reason']}` : ''}.`,
        link: sessionLink,
      };
    case 'session.cancelled_by_programme':
      return {
        type: event.type,
        title: `Session with ${other} cancelled`,
        body: `${when(data['startsAt'])} — cancelled by the programme because your mentorship assignment ended.`,
        link: sessionLink,
      };
    case 'session.reminder':
      return {
        type: event.type,
        title: `Reminder: session with ${other}`,
        body: `${when(data['startsAt'])}.`,
        link: sessionLink,
      };
    // Discussion notifications refer to the thread and never copy its title or a post's words:
    // those may be edited, deleted or hidden later, and a notification would keep them.
    case 'discussion.reply':
      return {
        type: event.type,
        title: DISCUSSION_TEXTS.reply.title,
        body: `${data['shownAs'] ?? 'Someone'} replied.`,
        link: `/discussions/${data['threadId']}`,
      };
    case 'discussion.answer_accepted':
      return { type: event.type, ...DISCUSSION_TEXTS.answerAccepted, link: `/discussions/${data['threadId']}` };
    case 'discussion.revealed':
      return {
        type: event.type,
        title: DISCUSSION_TEXTS.revealed.title,
        body: `${DISCUSSION_TEXTS.revealed.body} Reason given: ${data['reason']}`,
        link: `/discussions/${data['threadId']}`,
      };
    case 'user.made_admin': {
      const how =
        data['via'] === 'cli'
          ? "on the server's command line"
          : data['via'] === 'sso'
            ? 'by the single sign-on role mapping'
            : `by ${data['byId'] === recipient.id ? 'you' : (data['byName'] ?? 'another admin')}`;
      const who = data['userId'] === recipient.id ? 'You were' : `${data['displayName']} (${data['email']}) was`;
      return {
        type: event.type,
        title: data['userId'] === recipient.id ? 'You are now an admin' : `New admin: ${data['displayName']}`,
        body: `${who} made an admin ${how} on ${when(event.at)}. Every new admin is announced to all admins; if you did not expect this, check the audit log.`,
        link: '/admin/users',
      };
    }
    case 'account.password_reset_sent':
      return {
        type: event.type,
        title: 'An admin sent you a password reset link',
        body: `${name(event.actorId)}, a programme admin, e-mailed a link to choose a new password to your address. If you did not ask for it, ignore the e-mail: your password stays as it is.`,
        link: null,
      };
    case 'account.password_reset':
      return {
        type: event.type,
        title: 'Your password was reset',
        body: 'Your PeerPals password was changed with a reset link, and every session of your account was signed out. If this was not you, contact your programme admin at once.',
        link: null,
      };
    default:
      return null;
  }
}

/**
 * What an e-mail about a notification says. Discussion e-mails name no thread, post, pseudonym or
 * person and link to the portal rather than the thread: a mail server or a delegated mailbox must
 * not be able to tie the reader to an (anonymous) thread.
 */
export function emailTextFor(notification: NotificationText): NotificationText {
  switch (notification.type) {
    case 'discussion.reply':
      return {
        type: notification.type,
        title: DISCUSSION_TEXTS.reply.title,
        body: 'There is a new reply in one of your threads. Sign in to PeerPals to read it.',
        link: null,
      };
    case 'discussion.answer_accepted':
      return {
        type: notification.type,
        title: DISCUSSION_TEXTS.answerAccepted.title,
        body: 'A reply of yours in the discussions was marked as the accepted answer. Sign in to PeerPals to see it.',
        link: null,
      };
    case 'discussion.revealed':
      return {
        type: notification.type,
        title: DISCUSSION_TEXTS.revealed.title,
        body: `${DISCUSSION_TEXTS.revealed.body} Sign in to PeerPals to read the reason they gave.`,
        link: null,
      };
    default:
      return notification;
  }
}
