import type { DomainEvent } from '../../common/events/domain-event';
import { emailTextFor, notificationFor, Person } from './notification-texts';

const recipient: Person = {
  id: 'u1',
  displayName: 'Aisha Rahman',
  email: 'aisha@uni.example',
  role: 'student',
  timeZone: 'Europe/London',
};
// Data as an older publisher might still send it: the texts must not pick any of it up.
const copied = { threadTitle: 'Title-marker', excerpt: 'Excerpt-marker', body: 'Body-marker' };

function event(type: string, data: Record<string, unknown>): DomainEvent {
  return {
    type,
    at: '2026-12-01T10:00:00.000Z',
    actorId: null,
    audience: [recipient.id],
    subject: { type: 'thread', id: 't1' },
    data: { threadId: 't1', ...copied, ...data },
  };
}

describe('discussion notification texts', () => {
  const cases = [
    event('discussion.reply', { shownAs: 'Anonymous Panda' }),
    event('discussion.answer_accepted', {}),
    event('discussion.revealed', { reason: 'A safeguarding concern' }),
  ];

  it.each(cases)('should word $type without a thread title or post text, linking to the thread', (e) => {
    const text = notificationFor(e, recipient, new Map())!;
    expect(`${text.title} ${text.body}`).not.toMatch(/marker/i);
    expect(text.link).toBe('/discussions/t1');
  });

  it("should name how the replier appears and keep the admins' reason for a reveal", () => {
    expect(notificationFor(cases[0], recipient, new Map())).toMatchObject({
      title: 'New reply in one of your threads',
      body: 'Anonymous Panda replied.',
    });
    expect(notificationFor(cases[2], recipient, new Map())!.body).toContain('Reason given: A safeguarding concern');
  });

  it.each(cases)('should e-mail $type with no name, reason or link to the thread', (e) => {
    const mail = emailTextFor(notificationFor(e, recipient, new Map())!);
    expect(`${mail.title} ${mail.body}`).not.toMatch(/marker|Anonymous Panda|safeguarding/i);
    expect(mail.link).toBeNull();
  });

  it('should e-mail other notifications as they are', () => {
    const note = {
      type: 'request.created',
      title: 'New request from Ben',
      body: '“Topic”',
      link: '/mentor/requests/r1',
    };
    expect(emailTextFor(note)).toBe(note);
  });
});
