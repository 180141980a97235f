import type { AuthUser } from './auth-user';
import { mayAccessPair, PairAction, requirePairAccess } from './pair-access';
import { Role } from './role';

const user = (id: string, role: Role): AuthUser => ({
  id,
  role,
  email: `${id}@example.test`,
  displayName: id,
  timeZone: 'UTC',
  tokenVersion: 0,
});
const pair = { mentorId: 'mentor', studentId: 'student' };
const mentor = user('mentor', Role.Mentor);
const student = user('student', Role.Student);
const otherMentor = user('other-mentor', Role.Mentor);
const otherStudent = user('other-student', Role.Student);
const admin = user('admin', Role.Admin);

describe('pair access', () => {
  const table: [AuthUser, PairAction, boolean][] = [
    [mentor, 'view', true],
    [student, 'view', true],
    [admin, 'view', true],
    [otherMentor, 'view', false],
    [otherStudent, 'view', false],
    [mentor, 'take-part', true],
    [student, 'take-part', true],
    [admin, 'take-part', false],
    [otherMentor, 'take-part', false],
    [mentor, 'lead', true],
    [student, 'lead', false],
    [admin, 'lead', false],
    [otherMentor, 'lead', false],
  ];

  it.each(table)('%s may %s: %s', (viewer, action, allowed) => {
    expect(mayAccessPair(viewer, action, pair)).toBe(allowed);
  });

  it('answers a refusal and a missing subject with the same not-found error', () => {
    const notFound = () => new Error('not found');
    expect(() => requirePairAccess(otherStudent, 'view', pair, notFound)).toThrow('not found');
    expect(() => requirePairAccess(admin, 'view', null, notFound)).toThrow('not found');
    expect(requirePairAccess(student, 'view', pair, notFound)).toBe(pair);
  });
});
