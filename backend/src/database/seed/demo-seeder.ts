import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { newId } from '../../common/crypto';
import { AssignmentsService } from '../../modules/assignments/assignments.service';
import { Audience, PostEntity, PostMode, ThreadEntity } from '../../modules/discussions/discussion.entities';
import { DiscussionsService } from '../../modules/discussions/discussions.service';
import { adminGrant, AdminGrantedVia } from '../../modules/users/admin-provenance';
import { PasswordHasher } from '../../modules/users/password-hasher';
import { Role } from '../../common/auth/role';
import { UserEntity } from '../../modules/users/user.entity';
import { UsersService } from '../../modules/users/users.service';

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
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const MENTORS = [
  { name: 'Dr. Amara Okafor', tz: 'Europe/London', bio: 'Academic mentor — computer science, study skills.' },
  { name: 'Prof. Jonas Weber', tz: 'Europe/Berlin', bio: 'Career mentor — internships, CVs and interviews.' },
  { name: 'Dr. Mei Chen', tz: 'America/New_York', bio: 'Academic mentor — mathematics and research methods.' },
];

interface DemoReply {
  by: string;
  mode?: PostMode;
  body: string;
  accepted?: boolean;
}

interface DemoThread {
  by: string;
  mode: PostMode;
  audience: Audience;
  title: string;
  tags: string[];
  body: string;
  hoursAgo: number;
  replies: DemoReply[];
}

/** `by` names a demo account by its e-mail's local part. */
const THREADS: DemoThread[] = [
  {
    by: 'student1',
    mode: PostMode.Anonymous,
    audience: Audience.Community,
    hoursAgo: 50,
    title: 'How do I ask a question in a lecture without freezing up?',
    tags: ['anxiety', 'lectures'],
    body: 'Whenever I want to ask something in a big lecture my mind goes blank. Does anyone have tricks that worked for them?',
    replies: [
      {
        by: 'mentor1',
        body: 'Write the question down word for word before you raise your hand — reading it out is much easier than composing it live. Many lecturers also take questions by e-mail or in the break.',
        accepted: true,
      },
      {
        by: 'student5',
        mode: PostMode.Anonymous,
        body: 'Same here. Sitting near the front helped me: fewer people to look at.',
      },
      { by: 'student1', mode: PostMode.Anonymous, body: 'Thank you both, I will try writing it down this week.' },
    ],
  },
  {
    by: 'student2',
    mode: PostMode.Normal,
    audience: Audience.Community,
    hoursAgo: 30,
    title: 'Study group for Linear Algebra II?',
    tags: ['mathematics', 'study-group'],
    body: 'Is anyone up for a weekly study group before the exam? Thursday afternoons would suit me.',
    replies: [
      { by: 'student6', body: 'Count me in — Thursdays work.' },
      {
        by: 'mentor3',
        body: 'Happy to drop by for the first half hour if you want someone to check your approach to the proofs.',
      },
    ],
  },
  {
    by: 'student4',
    mode: PostMode.Anonymous,
    audience: Audience.Mentors,
    hoursAgo: 20,
    title: 'Falling behind and afraid to tell my mentor',
    tags: ['wellbeing'],
    body: 'I have missed two deadlines and I am embarrassed to bring it up in our session. How do mentors usually react to this?',
    replies: [
      {
        by: 'mentor2',
        body: 'Honestly: with relief that you told us. Falling behind is common, and the earlier we know, the more options there are (extensions, a study plan). You will not be judged.',
      },
    ],
  },
  {
    by: 'student7',
    mode: PostMode.Normal,
    audience: Audience.Community,
    hoursAgo: 12,
    title: 'What should a first internship CV look like?',
    tags: ['career', 'cv'],
    body: 'I have no work experience yet apart from a summer job. What do I put on a CV for a first internship?',
    replies: [
      {
        by: 'mentor2',
        body: 'Lead with projects: coursework, hackathons, anything you built. One page, and a line of impact for each item. Bring a draft to a session and we go through it.',
        accepted: true,
      },
      { by: 'student3', mode: PostMode.Anonymous, body: 'Following — I am in the same situation.' },
    ],
  },
  {
    by: 'student9',
    mode: PostMode.Anonymous,
    audience: Audience.Community,
    hoursAgo: 5,
    title: 'Is it normal to feel lost in the second semester?',
    tags: ['wellbeing', 'first-year'],
    body: 'Everyone else seems to know what they are doing. Did anyone else feel like this?',
    replies: [],
  },
  {
    by: 'student11',
    mode: PostMode.Normal,
    audience: Audience.Mentors,
    hoursAgo: 2,
    title: 'Recommended reading on research methods',
    tags: ['research'],
    body: 'Which book would you recommend for a first course on research methods?',
    replies: [],
  },
];

const STUDENTS = [
  'Aisha Rahman',
  'Ben Carter',
  'Chloé Martin',
  'Diego Alvarez',
  'Emma Schmidt',
  'Farid Haddad',
  'Grace Kim',
  'Hiro Tanaka',
  'Isla MacLeod',
  'Jamal Wright',
  'Kasia Nowak',
  'Liam O’Brien',
];

/**
 * Loads the demo programme (2 admins, 3 mentors, 12 students, assignments, discussion threads). Idempotent: nothing
 * happens when the demo admin already exists. Both admins count as made on the server (like `create-admin`), so
 * the two-admin reveal can be shown.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly users: UsersService,
    private readonly assignments: AssignmentsService,
    private readonly discussions: DiscussionsService,
    private readonly passwordHasher: PasswordHasher,
  ) {}

  async seedIfEmpty(): Promise<DemoSeedResult | null> {
    if (await this.users.exists(`admin@${DOMAIN}`)) return null;
    const passwordHash = await this.passwordHasher.hash(DEMO_PASSWORD);
    const now = Date.now();
    let tick = 0;
    const person = (
      email: string,
      displayName: string,
      role: Role,
      timeZone: string,
      extra: Partial<UserEntity> = {},
    ): UserEntity =>
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
        feedVersion: 0,
        feedTokenHash: null,
        createdBy: null,
        ...adminGrant(role, AdminGrantedVia.Cli, null, new Date(now)),
        createdAt: new Date(now + tick++),
        updatedAt: new Date(now),
        ...extra,
      });

    const admin = person(`admin@${DOMAIN}`, 'Programme Admin', Role.Admin, 'Europe/London');
    const admin2 = person(`admin2@${DOMAIN}`, 'Safeguarding Lead', Role.Admin, 'Europe/London');
    const mentors = MENTORS.map((m, i) =>
      person(`mentor${i + 1}@${DOMAIN}`, m.name, Role.Mentor, m.tz, { bio: m.bio, mentorCapacity: 8 }),
    );
    const students = STUDENTS.map((name, i) =>
      person(`student${i + 1}@${DOMAIN}`, name, Role.Student, i % 3 === 2 ? 'America/New_York' : 'Europe/London'),
    );
    const assignments: { studentId: string; mentorId: string }[] = [];
    students.forEach((student, i) => {
      const pair = (mentor: UserEntity) => assignments.push({ studentId: student.id, mentorId: mentor.id });
      pair(mentors[i % 3]);
      // A few students have both an academic and a career mentor.
      if (i % 4 === 0 && i % 3 !== 1) pair(mentors[1]);
    });

    await this.store([admin, admin2, ...mentors, ...students], assignments, admin.id, now);
    return {
      signIns: [
        { role: 'admin', email: admin.email, password: DEMO_PASSWORD },
        { role: 'admin', email: admin2.email, password: DEMO_PASSWORD },
        ...mentors.map((m) => ({ role: 'mentor', email: m.email, password: DEMO_PASSWORD })),
        ...students.slice(0, 3).map((s) => ({ role: 'student', email: s.email, password: DEMO_PASSWORD })),
      ],
    };
  }

  @Transactional()
  private async store(
    people: UserEntity[],
    assignments: { studentId: string; mentorId: string }[],
    assignedBy: string,
    now: number,
  ): Promise<void> {
    await this.users.insertPrepared(people);
    await this.assignments.insertMany(assignments, assignedBy);
    await this.seedDiscussions(people, now);
  }

  /** A few threads in each mode, with replies and accepted answers, so the board is not empty. */
  private async seedDiscussions(people: UserEntity[], now: number): Promise<void> {
    const byName = new Map(people.map((p) => [p.email.split('@')[0], p]));
    const account = (name: string): UserEntity => {
      const found = byName.get(name);
      if (!found) throw new Error(`Unknown demo account ${name}`);
      return found;
    };
    const post = (
      threadId: string,
      by: string,
      mode: PostMode,
      body: string,
      at: Date,
      isOpening: boolean,
    ): PostEntity =>
      Object.assign(new PostEntity(), {
        id: newId(),
        threadId,
        authorId: account(by).id,
        isOpening,
        mode,
        body,
        hidden: false,
        deletedAt: null,
        editedAt: null,
        createdAt: at,
      });

    for (const demo of THREADS) {
      const startedAt = new Date(now - demo.hoursAgo * HOUR_MS);
      const thread = Object.assign(new ThreadEntity(), {
        id: newId(),
        authorId: account(demo.by).id,
        audience: demo.audience,
        title: demo.title,
        tags: demo.tags.join(','),
        locked: false,
        hidden: false,
        acceptedPostId: null,
        replyCount: 0,
        lastActivityAt: startedAt,
        createdAt: startedAt,
      });
      await this.discussions.importThread(
        thread,
        post(thread.id, demo.by, demo.mode, demo.body, startedAt, true),
        demo.tags,
        demo.replies.map((reply, i) => ({
          post: post(
            thread.id,
            reply.by,
            reply.mode ?? PostMode.Normal,
            reply.body,
            new Date(startedAt.getTime() + (i + 1) * 47 * MINUTE_MS),
            false,
          ),
          accepted: reply.accepted,
        })),
      );
    }
  }

  static describe(result: DemoSeedResult, publicUrl: string): string {
    const lines = result.signIns.map((s) => `  ${s.role.padEnd(8)} ${s.email.padEnd(34)} ${s.password}`);
    return (
      `Demo programme loaded. Sign in at ${publicUrl}/sign-in with:\n${lines.join('\n')}\n  (students 4–12 and mentors 1–3 use the same password)\n` +
      '  The two admins are independent of each other: one can ask to reveal an anonymous author, the other approve it.\n'
    );
  }
}
