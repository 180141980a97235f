import request from 'supertest';
import { newId } from '../../src/common/crypto';
import { AdminGrantedVia } from '../../src/modules/users/admin-provenance';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { Role } from '../../src/common/auth/role';
import { UserEntity } from '../../src/modules/users/user.entity';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { AssignmentsRepository } from '../../src/modules/assignments/assignments.repository';
import { AssignmentEntity } from '../../src/modules/assignments/assignment.entity';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TestApp } from '../utils/test-app';

export const DEFAULT_PASSWORD = 'correct-horse-battery-staple-42';

let sequence = 0;
const hashes = new Map<string, Promise<string>>();

export interface UserOverrides {
  email?: string;
  displayName?: string;
  password?: string | null;
  active?: boolean;
  timeZone?: string;
  mentorCapacity?: number | null;
  quotaOverride?: number | null;
  /** The admin who created the account (default: none, as if the server made it). */
  createdBy?: TestUser | null;
  /** Admins only: how, by whom and when they became admin (default: by the CLI, now). */
  madeAdmin?: { via?: AdminGrantedVia; by?: TestUser | null; at?: Date };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  displayName: string;
}

/** Inserts a user straight into the database (hashing each distinct password once per run). */
export async function createUser(t: TestApp, role: Role, overrides: UserOverrides = {}): Promise<TestUser> {
  const n = ++sequence;
  const password = overrides.password === undefined ? DEFAULT_PASSWORD : overrides.password;
  let passwordHash: string | null = null;
  if (password !== null) {
    if (!hashes.has(password)) hashes.set(password, t.app.get(PasswordHasher).hash(password));
    passwordHash = await hashes.get(password)!;
  }
  const now = new Date();
  const made = overrides.madeAdmin ?? {};
  const via = made.via ?? (made.by ? AdminGrantedVia.Admin : AdminGrantedVia.Cli);
  const user = Object.assign(new UserEntity(), {
    id: newId(),
    email: (overrides.email ?? `${role}${n}.${process.pid}@test.example`).toLowerCase(),
    displayName: overrides.displayName ?? `${role[0].toUpperCase()}${role.slice(1)} ${n}`,
    role,
    active: overrides.active ?? true,
    timeZone: overrides.timeZone ?? 'Europe/London',
    bio: null,
    mentorCapacity: overrides.mentorCapacity ?? null,
    quotaOverride: overrides.quotaOverride ?? null,
    passwordHash,
    tokenVersion: 0,
    feedVersion: 0,
    feedTokenHash: null,
    createdBy: overrides.createdBy?.id ?? null,
    adminVia: role === Role.Admin ? via : null,
    adminSince: role === Role.Admin ? (made.at ?? now) : null,
    adminBy: role === Role.Admin ? (made.by?.id ?? null) : null,
    createdAt: new Date(now.getTime() + n),
    updatedAt: now,
  });
  await t.app.get(TransactionHost).withTransaction(() => t.app.get(UsersRepository).insert([user]));
  return { id: user.id, email: user.email, password: password ?? '', role, displayName: user.displayName };
}

export async function assign(t: TestApp, student: TestUser, mentor: TestUser): Promise<string> {
  const id = newId();
  await t.app.get(AssignmentsRepository).insert([
    Object.assign(new AssignmentEntity(), {
      id,
      studentId: student.id,
      mentorId: mentor.id,
      createdBy: null,
      createdAt: new Date(),
    }),
  ]);
  return id;
}

export interface Session {
  accessToken: string;
  /** `pp_refresh=<token>` as a Cookie header value. */
  refreshCookie: string;
  auth: { Authorization: string };
}

export function refreshCookieOf(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('pp_refresh='));
  if (!cookie) throw new Error('no refresh cookie in the response');
  return cookie.split(';')[0];
}

export async function login(t: TestApp, user: { email: string; password: string }): Promise<Session> {
  const res = await request(t.server).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`login of ${user.email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    accessToken: res.body.accessToken,
    refreshCookie: refreshCookieOf(res),
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}
