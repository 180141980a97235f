/**
 * What the users module needs of assignments (a role change needs none; the CSV import assigns and
 * checks mentor capacity). The assignments module builds on users, so it provides this under
 * `USER_ASSIGNMENTS` instead of users importing it back.
 */
export interface UserAssignments {
  countForUser(userId: string): Promise<number>;
  countStudentsPerMentor(mentorIds: string[]): Promise<Map<string, number>>;
  insertMany(pairs: { studentId: string; mentorId: string }[], createdBy: string): Promise<void>;
}

export const USER_ASSIGNMENTS = Symbol('UserAssignments');
