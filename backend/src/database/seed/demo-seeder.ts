import { Injectable } from '@nestjs/common';
import { newId } from '../../common/crypto';
import { AssignmentEntity } from '../../modules/assignments/assignment.entity';
import { AssignmentsRepository } from '../../modules/assignments/assignments.repository';
import { PasswordHasher } from '../../modules/users/password-hasher';
import { Role } from '../../modules/users/role';
import { UserEntity } from '../../modules/users/user.entity';
import { UsersRepository } from '../../modules/users/users.repository';
import { TransactionRunner } from '../transaction-runner';

export interface DemoSignIn {
  role: string;
  email: string;
  password: string;
}

export interface DemoSeedResult {
  signIns: DemoSignIn[];
}

/** Well-known on purpose: the demo programme exists to be tried. Never seeded in production. */
export const DEMO_PASSWORD = 'peerpals-demo-2026';
const DOMAIN = 'demo.peerpals.test';

const MENTORS = [
  { name: 'Dr. Amara Okafor', tz: 'Europe/London', bio: 'Academic mentor — computer science, study skills.' },
  { name: 'Prof. Jonas Weber', tz: 'Europe/Berlin', bio: 'Career mentor — internships, CVs and interviews.' },
  { name: 'Dr. Mei Chen', tz: 'America/New_York', bio: 'Academic mentor — mathematics and research methods.' },
];

const STUDENTS = [
  'Aisha Rahman', 'Ben Carter', 'Chloé Martin', 'Diego Alvarez', 'Emma Schmidt', 'Farid Haddad',
  'Grace Kim', 'Hiro Tanaka', 'Isla MacLeod', 'Jamal Wright', 'Kasia Nowak', 'Liam O’Brien',
];

/**
 * Loads the demo programme (1 admin, 3 mentors, 12 students, assignments). Idempotent: nothing
 * happens when the demo admin already exists.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly usersRepository: UsersRepository,
    private readonly assignmentsRepository: AssignmentsRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
  ) {}

  async seedIfEmpty(): Promise<DemoSeedResult | null> {
    if ((await this.usersRepository.findExistingEmails([`admin@${DOMAIN}`])).size > 0) return null;
    const passwordHash = await this.passwordHasher.hash(DEMO_PASSWORD);
    const now = Date.now();
    let tick = 0;
    const person = (email: string, displayName: string, role: Role, timeZone: string, extra: Partial<UserEntity> = {}): UserEntity =>
      Object.assign(new UserEntity(), {
        id: newId(),
        email,
        displayName,
        role,
        active: true,
        timeZone,
        bio: null,
        mentorCapacity: null,
        quotaOverride: null,
        passwordHash,
        tokenVersion: 0,
        createdAt: new Date(now + tick++),
        updatedAt: new Date(now),
        ...extra,
      });

    const admin = person(`admin@${DOMAIN}`, 'Programme Admin', Role.Admin, 'Europe/London');
    const mentors = MENTORS.map((m, i) => person(`mentor${i + 1}@${DOMAIN}`, m.name, Role.Mentor, m.tz, { bio: m.bio, mentorCapacity: 8 }));
    const students = STUDENTS.map((name, i) => person(`student${i + 1}@${DOMAIN}`, name, Role.Student, i % 3 === 2 ? 'America/New_York' : 'Europe/London'));
    const assignments: AssignmentEntity[] = [];
    students.forEach((student, i) => {
      const pair = (mentor: UserEntity) =>
        assignments.push(Object.assign(new AssignmentEntity(), { id: newId(), studentId: student.id, mentorId: mentor.id, createdBy: admin.id, createdAt: new Date(now + tick++) }));
      pair(mentors[i % 3]);
      // A few students have both an academic and a career mentor.
      if (i % 4 === 0 && i % 3 !== 1) pair(mentors[1]);
    });

    await this.transactions.run(async (manager) => {
      await this.usersRepository.insert([admin, ...mentors, ...students], manager);
      await this.assignmentsRepository.insert(assignments, manager);
    });
    return {
      signIns: [
        { role: 'admin', email: admin.email, password: DEMO_PASSWORD },
        ...mentors.map((m) => ({ role: 'mentor', email: m.email, password: DEMO_PASSWORD })),
        ...students.slice(0, 3).map((s) => ({ role: 'student', email: s.email, password: DEMO_PASSWORD })),
      ],
    };
  }

  static describe(result: DemoSeedResult, publicUrl: string): string {
    const lines = result.signIns.map((s) => `  ${s.role.padEnd(8)} ${s.email.padEnd(34)} ${s.password}`);
    return `Demo programme loaded. Sign in at ${publicUrl}/sign-in with:\n${lines.join('\n')}\n  (students 4–12 and mentors 1–3 use the same password)\n`;
  }
}
