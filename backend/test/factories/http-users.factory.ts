import { Role } from '../../src/common/auth/role';
import { expectOk, HttpClient, refreshCookieFrom } from '../utils/http-client';

/** A signed-in account of a server running in its own process. */
export interface RemoteUser {
  id: string;
  email: string;
  token: string;
  /** `pp_refresh=<token>` as a Cookie header value. */
  cookie?: string;
}

export async function signIn(api: HttpClient, email: string, password: string): Promise<RemoteUser> {
  const res = await expectOk(api('POST', '/auth/login', { body: { email, password } }), `sign-in of ${email}`);
  return { id: res.body.user?.id, email, token: res.body.accessToken, cookie: refreshCookieFrom(res) };
}

/** Creates an account through the admin API and accepts its invitation with `password`, as a new user would. */
export async function onboard(
  api: HttpClient,
  admin: RemoteUser,
  role: Role,
  account: { email: string; displayName: string; password: string },
): Promise<RemoteUser> {
  const created = await expectOk(
    api('POST', '/admin/users', {
      token: admin.token,
      body: { email: account.email, displayName: account.displayName, role },
    }),
    `creating ${account.email}`,
  );
  const token = new URL(created.body.invitationUrl).searchParams.get('token');
  const accepted = await expectOk(
    api('POST', '/auth/invitations/accept', { body: { token, password: account.password } }),
    `accepting the invitation of ${account.email}`,
  );
  return {
    id: created.body.user.id,
    email: account.email,
    token: accepted.body.accessToken,
    cookie: refreshCookieFrom(accepted),
  };
}

export async function assignByApi(
  api: HttpClient,
  admin: RemoteUser,
  student: RemoteUser,
  mentor: RemoteUser,
): Promise<void> {
  await expectOk(
    api('POST', '/admin/assignments', { token: admin.token, body: { studentId: student.id, mentorId: mentor.id } }),
    'assigning',
  );
}
