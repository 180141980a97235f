import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('PeerPals API')
    .setDescription(
      'Peer mentoring for universities: assignments, requests, sessions, quotas, discussions and oversight. ' +
        'Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return documentProblems(document);
}

/** RFC 9457 problem document: the body of every error response. */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string', example: 'Conflict' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string', example: 'This mentor already has a pending request from you.' },
    code: { type: 'string', description: 'Stable, machine-readable error code', example: 'REQUEST_ALREADY_PENDING' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'For `VALIDATION_FAILED`: every invalid field',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
  // Some codes carry details of their own (e.g. the quota month and its reset time).
  additionalProperties: true,
};

/**
 * Every error answer is a problem document: declared as each operation's `default` response and as
 * the body of the error statuses it documents.
 */
function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(
      operations as Record<string, { responses?: Record<string, { description: string; content?: unknown }> }>,
    )) {
      if (!operation?.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && !response.content) response.content = problem;
      }
      operation.responses['default'] ??= {
        description: 'An error: a problem document with a stable `code`',
        content: problem,
      };
    }
  }
  return document;
}

export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    useGlobalPrefix: false,
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'PeerPals API',
  });
}
