import { ESLint, type Linter } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '../../..');
const RULE = 'peerpals/module-boundaries';

// Loaded through the test transform: ESLint's own loader needs dynamic import, which jest's CommonJS mode lacks.
/* eslint-disable @typescript-eslint/no-require-imports */
const projectConfig = (require('../../../eslint.config.mjs') as { default: Linter.Config[] }).default;
const peerpals = (require('../../../tools/eslint/module-boundaries.mjs') as { default: ESLint.Plugin }).default;
/* eslint-enable @typescript-eslint/no-require-imports */

async function lint(
  code: string,
  file: string,
  config: Linter.Config[] = projectConfig,
): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === RULE);
}

/** The snippet every refusal case lints: a sessions file importing the users module's repository. */
const IMPORTS_USERS_REPOSITORY = [
  `import { UsersRepository } from '${['..', 'users', 'users.repository'].join('/')}';`,
  'export const x = UsersRepository;',
  '',
].join('\n');

describe('module boundaries (eslint.config.mjs)', () => {
  it("should refuse another module's repository", async () => {
    const messages = await lint(IMPORTS_USERS_REPOSITORY, 'backend/src/modules/sessions/example.ts');
    expect(messages).toEqual([
      expect.objectContaining({
        severity: 2,
        messageId: 'repository',
        message: expect.stringContaining('modules/users/users.repository'),
      }),
    ]);
  });

  it("should refuse another module's internal helper, from any depth", async () => {
    const messages = await lint(
      "export { joinPeople } from '../../users/person-columns';\n",
      'backend/src/modules/admin/oversight/example.ts',
    );
    expect(messages.map((m) => m.messageId)).toEqual(['internal']);
  });

  it('should let a module use the public surface of another and its own internals', async () => {
    const messages = await lint(
      [
        "import { UsersService } from '../users/users.service';",
        "import { UsersModule } from '../users/users.module';",
        "import { UserDto } from '../users/user.dto';",
        "import { ListUsersQueryDto } from '../users/dto/admin-users.dto';",
        "import { EmailTakenError } from '../users/users.errors';",
        "import type { UserEntity } from '../users/user.entity';",
        "import { SessionsRepository } from './sessions.repository';",
        'export const all = [UsersService, UsersModule, UserDto, ListUsersQueryDto, EmailTakenError, SessionsRepository];',
        'export type U = UserEntity;',
      ].join('\n'),
      'backend/src/modules/sessions/example.ts',
    );
    expect(messages).toEqual([]);
  });

  it("should refuse another module's entity as a value, but not in database/", async () => {
    const code = "import { UserEntity } from '../users/user.entity';\nexport const e = UserEntity;\n";
    expect((await lint(code, 'backend/src/modules/sessions/example.ts')).map((m) => m.messageId)).toEqual(['entity']);
    const fromDatabase = code.replace('../users/', '../modules/users/');
    expect(await lint(fromDatabase, 'backend/src/database/example.ts')).toEqual([]);
  });

  it('should refuse any module import in common/', async () => {
    const messages = await lint(
      "import { UsersService } from '../../modules/users/users.service';\nexport const s = UsersService;\n",
      'backend/src/common/http/example.ts',
    );
    expect(messages.map((m) => m.messageId)).toEqual(['commonImportsModule']);
  });
});

describe('module boundaries allowlist', () => {
  const config = (allow: Record<string, string[]>): Linter.Config[] => [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser as Linter.Parser },
      plugins: { peerpals },
      rules: { [RULE]: ['error', { publicFiles: ['^[^/]+\\.service$'], allow }] },
    },
  ];
  const file = 'backend/src/modules/sessions/example.ts';
  const code = IMPORTS_USERS_REPOSITORY;

  it('should let a listed file through with the import it names only', async () => {
    const allow = { [file]: ['users/users.repository'] };
    expect(await lint(code, file, config(allow))).toEqual([]);
    const another = `${code}import { person } from '../users/person-columns';\nexport const p = person;\n`;
    expect((await lint(another, file, config(allow))).map((m) => m.messageId)).toEqual(['internal']);
  });

  it('should report an entry the file no longer needs', async () => {
    const allow = { [file]: ['users/users.repository', 'users/invitations.repository'] };
    const messages = await lint(code, file, config(allow));
    expect(messages).toEqual([
      expect.objectContaining({
        messageId: 'staleAllowance',
        message: expect.stringContaining('modules/users/invitations.repository'),
      }),
    ]);
  });
});
