// Lint for both projects, aimed at security: eslint-plugin-security, typescript-eslint's
// correctness rules, Angular's template rules, and project rules (SQL built from constants,
// no HTML trust bypasses, no dynamic code).
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';

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
