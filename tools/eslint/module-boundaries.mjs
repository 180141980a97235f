// ESLint rule `peerpals/module-boundaries`: a backend feature module (backend/src/modules/<name>/)
// is used from outside only through its public surface; its repositories and other files are its own.
// common/ is below every module and imports none. Only relative imports can reach another module here.
import { dirname, relative, resolve, sep } from 'node:path';

const SRC = 'backend/src/';
const MODULES = `${SRC}modules/`;

/** Where a file sits: a feature module (with its path inside the module), common/, database/, or the app's root files. */
function locate(path) {
  if (path.startsWith(MODULES)) {
    const [name, ...rest] = path.slice(MODULES.length).split('/');
    return { area: 'module', name, inner: rest.join('/') };
  }
  if (path.startsWith(`${SRC}common/`)) return { area: 'common' };
  if (path.startsWith(`${SRC}database/`)) return { area: 'database' };
  return { area: 'app' };
}

const toPosix = (path) => path.split(sep).join('/');
const withoutExtension = (path) => path.replace(/\.(ts|js|mjs)$/, '');
const isTypeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Feature modules import each other only through their public surface' },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          /** Regular expressions over a file's path inside its module, without extension. */
          publicFiles: { type: 'array', items: { type: 'string' } },
          /** Regular expressions for entity files (public to database/, and as types to everyone). */
          entityFiles: { type: 'array', items: { type: 'string' } },
          /** Per module: further files it offers to the others (paths inside the module, without extension). */
          alsoPublic: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          /** Per importing file (repository path): the imports (`<module>/<path>`) it is still let through with. */
          allow: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
      },
    ],
    messages: {
      commonImportsModule:
        'common/ sits below every module and may not import one: {{target}}. Move what both need into common/.',
      repository:
        "{{target}} is the {{module}} module's repository, private to it: call a service the {{module}} module exports.",
      entity:
        '{{target}} is an entity of the {{module}} module: outside it, import it as a type only (`import type`); ' +
        'only database/ and tests use entities as values.',
      internal:
        '{{target}} is internal to the {{module}} module: import its module, services, DTOs, errors or constants, ' +
        'or move a shared helper to common/.',
      staleAllowance:
        'The module-boundaries allowlist in eslint.config.mjs lets this file import {{target}}, which it no longer does: remove the entry.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const publicFiles = (options.publicFiles ?? []).map((p) => new RegExp(p));
    const entityFiles = (options.entityFiles ?? []).map((p) => new RegExp(p));
    const alsoPublic = options.alsoPublic ?? {};
    const cwd = context.cwd;
    const filename = toPosix(relative(cwd, context.filename));
    const from = locate(filename);
    const allowed = new Set(options.allow?.[filename] ?? []);
    const used = new Set();

    function check(node, source) {
      if (typeof source?.value !== 'string' || !source.value.startsWith('.')) return;
      const targetPath = withoutExtension(toPosix(relative(cwd, resolve(dirname(context.filename), source.value))));
      const to = locate(targetPath);
      if (to.area !== 'module') return;
      if (from.area === 'module' && from.name === to.name) return;
      const target = `${to.name}/${to.inner}`;
      const data = { target: `modules/${target}`, module: to.name };
      if (from.area === 'common') {
        return context.report({ node: source, messageId: 'commonImportsModule', data });
      }
      if (publicFiles.some((p) => p.test(to.inner)) || alsoPublic[to.name]?.includes(to.inner)) return;
      const entity = entityFiles.some((p) => p.test(to.inner));
      if (entity && (from.area === 'database' || isTypeOnly(node))) return;
      if (allowed.has(target)) {
        used.add(target);
        return;
      }
      const messageId = /\.repository$/.test(to.inner) ? 'repository' : entity ? 'entity' : 'internal';
      context.report({ node: source, messageId, data });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      'Program:exit'(node) {
        for (const target of allowed) {
          if (!used.has(target)) {
            context.report({
              node,
              loc: { line: 1, column: 0 },
              messageId: 'staleAllowance',
              data: { target: `modules/${target}` },
            });
          }
        }
      },
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
