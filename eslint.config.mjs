// Lint for both projects, aimed at security: eslint-plugin-security, typescript-eslint's
// correctness rules, Angular's template rules, and project rules (SQL built from constants,
// no HTML trust bypasses, no dynamic code).
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
import peerpals from './tools/eslint/module-boundaries.mjs';

/** Rules every TypeScript file follows. */
const shared = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-script-url': 'error',
  'no-proto': 'error',
  'no-extend-native': 'error',
  // Noise without type information: property access with a variable key is everywhere and safe here.
  'security/detect-object-injection': 'off',
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unused-vars': [
    'error',
    { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
  ],
};

/** Strings handed to the database are constants; values are bound parameters. */
const sqlFromConstants = {
  selector:
    'CallExpression[callee.property.name=/^(query|where|andWhere|orWhere|having|andHaving|orderBy|addOrderBy|setParameter|innerJoin|leftJoin|select|addSelect)$/] > TemplateLiteral.arguments:first-child[expressions.length>0]',
  message:
    'Build SQL from constants and bind values as parameters (a template literal with values can carry user input into SQL).',
};

/**
 * Backend module boundaries (tools/eslint/module-boundaries.mjs). A feature module's public surface is
 * its `*.module`, `*.service`, `*.errors`, `*.constants`, `*.dto` files and `dto/`; other files,
 * repositories above all, are its own. Entities are values for database/ (entity list, migrations,
 * seed) and for tests; other modules may import them as types only. common/ imports no module.
 */
const moduleBoundaries = {
  publicFiles: ['^[^/]+\\.(module|service|errors|constants|dto)$', '^dto/'],
  entityFiles: ['^[^/]+\\.entit(y|ies)$'],
  alsoPublic: {
    // The named quota decorator and its guard go on other modules' routes.
    quota: ['quota.guard'],
    // The live event stream: the provider the events module exports.
    events: ['event-stream'],
    // The person columns (names of mentors, students, authors) other modules join from `users` in one
    // statement; the password hasher (auth, MFA and the seed check passwords); how an account became admin.
    users: ['person', 'password-hasher', 'admin-provenance'],
    // The event a session change publishes (accepting a request and reminders raise it too).
    sessions: ['session.mapper'],
    // The ICS builder the e-mails attach invitations with.
    calendar: ['ics'],
  },
  // Imports across a boundary that are allowed, one entry per importing file; an entry no longer needed
  // is reported, so the list only shrinks. The oversight read model (admin) aggregates over the feature
  // tables in one grouped statement per figure, and binds their status values.
  allow: {
    'backend/src/modules/admin/oversight/oversight.repository.ts': [
      'mentoring-requests/mentoring-request.entity',
      'sessions/session.entity',
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'tmp/**',
      'node_modules/**',
      '.nx/**',
      'frontend/src/app/core/api/**',
      'coverage/**',
      'e2e/test-results/**',
      'e2e/report/**',
    ],
  },
  {
    files: ['backend/**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommended, security.configs.recommended],
    rules: {
      ...shared,
      'no-restricted-syntax': ['error', sqlFromConstants],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:vm', message: 'No dynamic code.' },
            { name: 'vm', message: 'No dynamic code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['backend/src/**/*.ts'],
    ignores: ['backend/src/**/*.spec.ts'],
    plugins: { peerpals },
    rules: { 'peerpals/module-boundaries': ['error', moduleBoundaries] },
  },
  {
    files: ['backend/test/**/*.ts', 'backend/src/**/*.spec.ts'],
    rules: {
      // Tests build their own fixtures and temporary files.
      'security/detect-non-literal-fs-filename': 'off',
      'security/detect-child-process': 'off',
      'security/detect-possible-timing-attacks': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['frontend/src/**/*.ts'],
    extends: [
      eslint.configs.recommended,
      ...tseslint.configs.recommended,
      security.configs.recommended,
      ...angular.configs.tsRecommended,
    ],
    processor: angular.processInlineTemplates,
    rules: {
      ...shared,
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'pp', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'pp', style: 'camelCase' }],
      'no-restricted-properties': [
        'error',
        ...[
          'bypassSecurityTrustHtml',
          'bypassSecurityTrustScript',
          'bypassSecurityTrustStyle',
          'bypassSecurityTrustUrl',
          'bypassSecurityTrustResourceUrl',
        ].map((property) => ({
          property,
          message: 'Do not bypass Angular sanitisation.',
        })),
        { object: 'document', property: 'write', message: 'Never write HTML into the document.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Let Angular render text; never assign HTML.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Let Angular render text; never insert HTML.',
        },
      ],
    },
  },
  {
    files: ['frontend/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {},
  },
);
