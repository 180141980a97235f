import fc from 'fast-check';
import { buildOpenApiDocument } from '../../src/common/http/swagger';
import { Role } from '../../src/common/auth/role';
import { assign, createUser, login } from '../factories/users.factory';
import { OpenApiResponseValidator } from '../utils/openapi-validator';
import { createTestApp, TestApp } from '../utils/test-app';
import { reportFigures } from '../utils/figures';

/** `npm test` runs a quick pass; `npm run test:security` (and CI) runs 10 000. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1_000);
const STACK = /\bat [\w.<>]+ \(|\.(ts|js):\d+:\d+|node_modules\//;

interface Operation {
  method: string;
  path: string;
}

/**
 * Property-based fuzzing from the OpenAPI document: wrong types, missing and extra fields, huge and
 * deeply nested values, unicode and NUL bytes, bad dates and zones, absurd paging. The server must
 * never answer 5xx, never show a stack trace, always answer 4xx as problem+json, and every answer must
 * match the document (documented status, content type and schema, no undocumented field).
 */
describe('API fuzzing (HTTP)', () => {
  let t: TestApp;
  let operations: Operation[];
  let validator: OpenApiResponseValidator;
  const tokens: (string | null)[] = [null];

  beforeAll(async () => {
    t = await createTestApp();
    const student = await createUser(t, Role.Student);
    const mentor = await createUser(t, Role.Mentor);
    await assign(t, student, mentor);
    for (const user of [student, mentor, await createUser(t, Role.Admin)])
      tokens.push((await login(t, user)).accessToken);
    const document = buildOpenApiDocument(t.app);
    validator = new OpenApiResponseValidator(document);
    operations = Object.entries(document.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })))
      .filter((op) => op.path !== '/api/v1/events');
  });

  afterAll(async () => {
    await t.close();
  });

  it(`should survive ${RUNS} generated requests without a server error`, async () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2_147_483_647);
    reportFigures('fuzz-seed', { seed, runs: RUNS }, `fuzz seed: ${seed}, runs: ${RUNS}`);
    const weird = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '\u0000',
        'null',
        '-1',
        '1e309',
        'NaN',
        '2026-02-30T25:61:00Z',
        'Mars/Olympus',
        '../../etc/passwd',
        "' OR 1=1 --",
        '<script>alert(1)</script>',
        '🙂'.repeat(50),
      ),
      fc.integer().map(String),
      fc.uuid(),
      fc.constant('x'.repeat(5000)),
    );
    const deep = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    const body = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(
        fc.constantFrom(
          'email',
          'password',
          'mentorId',
          'studentId',
          'startsAt',
          'endsAt',
          'topic',
          'message',
          'title',
          'body',
          'mode',
          'audience',
          'tags',
          'reason',
          'role',
          'status',
          'timeZone',
          'limit',
          'token',
          '__proto__',
          'constructor',
          'id',
        ),
        fc.oneof(weird, fc.jsonValue({ maxDepth: 2 }), deep),
      ),
      fc.constant('{"unterminated": '),
      fc.constant({ nested: JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) }),
    );
    const query = fc.dictionary(
      fc.constantFrom(
        'limit',
        'cursor',
        'from',
        'to',
        'status',
        'q',
        'tag',
        'audience',
        'unanswered',
        'mentorId',
        'studentId',
        'sort',
        'search',
        'role',
        'active',
        'ticket',
        'lastEventId',
      ),
      weird,
      { maxKeys: 4 },
    );
    const request = fc.record({ op: fc.nat(), token: fc.nat(), param: fc.oneof(fc.uuid(), weird), query, body });

    let sent = 0;
    let documented2xx = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const op = operations[r.op % operations.length];
        const token = tokens[r.token % tokens.length];
        const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(r.param));
        const search = new URLSearchParams(r.query as Record<string, string>).toString();
        const payload = typeof r.body === 'string' ? r.body : r.body === undefined ? undefined : JSON.stringify(r.body);
        const res = await t.app.inject({
          method: op.method as 'GET',
          url: `${path}${search ? `?${search}` : ''}`,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(payload !== undefined && op.method !== 'GET' ? { payload } : {}),
        });
        sent++;
        const problem = `${op.method} ${path.slice(0, 120)}?${search.slice(0, 120)} ${payload?.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (res.statusCode >= 500) failures.push(problem);
        if (STACK.test(res.body)) failures.push(`stack trace: ${problem}`);
        if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
          failures.push(`not problem+json: ${problem}`);
        if (res.statusCode >= 400 && !/"code":"[A-Z_]+"/.test(res.body)) failures.push(`no code: ${problem}`);
        const mismatches = validator.validate(
          op.method,
          op.path,
          res.statusCode,
          res.headers['content-type'] as string | undefined,
          res.body,
        );
        if (mismatches.length > 0)
          failures.push(`not as documented (${mismatches.slice(0, 3).join('; ')}): ${problem}`);
        if (res.statusCode < 300) documented2xx++;
        return true;
      }),
      { numRuns: RUNS, seed },
    );
    const serverErrors = failures.filter((f) => / → 5\d\d /.test(f)).length;
    reportFigures(
      'fuzz',
      { seed, requests: sent, serverErrors },
      `fuzzed requests: ${sent}, server errors: ${serverErrors}`,
    );
    process.stdout.write(
      `responses checked against the OpenAPI document: ${sent} (${documented2xx} successful), mismatches: ${failures.filter((f) => f.startsWith('not as documented')).length}\n`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBe(RUNS);
  }, 600_000);
});
