import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { answeredRequestText, currentStatus, pendingRequestExplanation, pendingRequestStatus } from './request-status';

const okafor = {
  id: 'm1',
  displayName: 'Dr. Amara Okafor',
  email: 'okafor@uni.example',
  role: 'mentor' as const,
  timeZone: 'Europe/London',
  bio: null,
};
const aisha = {
  id: 's1',
  displayName: 'Aisha Rahman',
  email: 'aisha@uni.example',
  role: 'student' as const,
  timeZone: 'Europe/London',
  bio: null,
};

function aRequest(overrides: Partial<MentoringRequestDto> = {}): MentoringRequestDto {
  return {
    id: 'r1',
    status: 'pending',
    topic: 'Internship interviews',
    message: 'Could we talk about interviews?',
    preferredTimes: [],
    student: aisha,
    mentor: okafor,
    declineReason: null,
    sessionId: null,
    expiresAt: '2026-12-04T10:00:00.000Z',
    answeredAt: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    ...overrides,
  };
}

describe('pending request texts', () => {
  it('should say why no new request is possible and until when', () => {
    expect(pendingRequestExplanation(aRequest(), 'Europe/London')).toBe(
      'You can send a new request once Dr. Amara Okafor answers, or on 4 Dec when this one expires.',
    );
  });

  it('should give the expiry day in the student’s zone', () => {
    const lateEvening = aRequest({ expiresAt: '2026-12-04T02:00:00.000Z' });
    expect(pendingRequestExplanation(lateEvening, 'America/New_York')).toContain('on 3 Dec when this one expires');
    expect(pendingRequestStatus(lateEvening, 'America/New_York')).toBe(
      'Dr. Amara Okafor has not answered yet. The request expires on 3 Dec.',
    );
  });
});

describe('answeredRequestText', () => {
  it('should give the mentor’s reason for declining', () => {
    expect(
      answeredRequestText(aRequest({ status: 'declined', declineReason: 'I am away that week.' }), 'Europe/London'),
    ).toBe(
      'Dr. Amara Okafor declined your request “Internship interviews”: “I am away that week.” You can send a new request.',
    );
  });

  it('should explain an expired request and that a new one is possible', () => {
    expect(answeredRequestText(aRequest({ status: 'expired' }), 'Europe/London')).toBe(
      'Your request “Internship interviews” to Dr. Amara Okafor expired on 4 Dec without an answer. You can send a new request.',
    );
  });
});

describe('currentStatus', () => {
  it('should treat a pending request past its expiry as expired', () => {
    const now = new Date('2026-12-05T00:00:00Z');
    expect(currentStatus(aRequest(), now)).toBe('expired');
    expect(currentStatus(aRequest(), new Date('2026-12-01T00:00:00Z'))).toBe('pending');
    expect(currentStatus(aRequest({ status: 'declined' }), now)).toBe('declined');
  });
});
