import request from 'supertest';
import { Role } from '../../src/modules/users/role';
import { createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Mentorship assignments (HTTP)', () => {
  let t: TestApp;
  let adminSession: Session;

  beforeAll(async () => {
    t = await createTestApp();
    adminSession = await login(t, await createUser(t, Role.Admin));
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const assignViaApi = (student: TestUser, mentor: TestUser) =>
    api().post('/api/v1/admin/assignments').set(adminSession.auth).send({ studentId: student.id, mentorId: mentor.id });

  it('should assign many-to-many and show each side their counterpart', async () => {
    const student = await createUser(t, Role.Student);
    const academic = await createUser(t, Role.Mentor);
    const career = await createUser(t, Role.Mentor);
    const created = await assignViaApi(student, academic).expect(201);
    expect(created.body).toMatchObject({ student: { id: student.id }, mentor: { id: academic.id } });
    await assignViaApi(student, career).expect(201);

    const mentors = await api().get('/api/v1/me/mentors').set((await login(t, student)).auth).expect(200);
    expect(mentors.body.map((m: { mentor: { id: string } }) => m.mentor.id).sort()).toEqual([academic.id, career.id].sort());
    const students = await api().get('/api/v1/me/students').set((await login(t, academic)).auth).expect(200);
    expect(students.body).toEqual([{ assignmentId: created.body.id, student: expect.objectContaining({ id: student.id, displayName: student.displayName }) }]);
  });

  it('should refuse a duplicate assignment', async () => {
    const student = await createUser(t, Role.Student);
    const mentor = await createUser(t, Role.Mentor);
    await assignViaApi(student, mentor).expect(201);
    expect((await assignViaApi(student, mentor).expect(409)).body.code).toBe('ALREADY_ASSIGNED');
  });

  it('should refuse wrong roles on either side', async () => {
    const a = await createUser(t, Role.Mentor);
    const b = await createUser(t, Role.Student);
    const res = await assignViaApi(a, b).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['mentorId', 'studentId']);
  });

  it('should refuse past the mentor capacity with MENTOR_AT_CAPACITY', async () => {
    const mentor = await createUser(t, Role.Mentor, { mentorCapacity: 1 });
    await assignViaApi(await createUser(t, Role.Student), mentor).expect(201);
    const res = await assignViaApi(await createUser(t, Role.Student), mentor).expect(409);
    expect(res.body).toMatchObject({ code: 'MENTOR_AT_CAPACITY', capacity: 1 });
  });

  it('should hold the capacity when 10 assignments race for 3 places', async () => {
    const mentor = await createUser(t, Role.Mentor, { mentorCapacity: 3 });
    const students = await Promise.all(Array.from({ length: 10 }, () => createUser(t, Role.Student)));
    const results = await Promise.all(students.map((s) => assignViaApi(s, mentor)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const list = await api().get('/api/v1/admin/assignments').query({ mentorId: mentor.id, limit: 100 }).set(adminSession.auth).expect(200);
    expect(list.body.items).toHaveLength(3);
  });

  it('should unassign, audit it, and 404 afterwards', async () => {
    const created = await assignViaApi(await createUser(t, Role.Student), await createUser(t, Role.Mentor)).expect(201);
    await api().delete(`/api/v1/admin/assignments/${created.body.id}`).set(adminSession.auth).expect(204);
    await api().delete(`/api/v1/admin/assignments/${created.body.id}`).set(adminSession.auth).expect(404);
    const audit = await api().get('/api/v1/admin/audit-log').query({ action: 'assignment.deleted', targetId: created.body.id }).set(adminSession.auth).expect(200);
    expect(audit.body.items).toHaveLength(1);
  });
});
