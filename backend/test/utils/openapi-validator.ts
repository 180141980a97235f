import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, any>;

/**
 * Checks real responses against the OpenAPI document: the status is documented for the operation
 * (or covered by its `default` response), the content type matches, and the body fits the schema
 * strictly — a field the document does not declare is an error, so nothing leaves the server
 * undocumented. Covers the subset of JSON Schema that @nestjs/swagger emits.
 */
export class OpenApiResponseValidator {
  constructor(private readonly document: OpenAPIObject) {}

  validate(
    method: string,
    pathTemplate: string,
    status: number,
    contentType: string | undefined,
    body: string,
  ): string[] {
    const operation = (this.document.paths[pathTemplate] as Record<string, any> | undefined)?.[method.toLowerCase()];
    if (!operation) return [`${method} ${pathTemplate} is not in the document`];
    const response =
      operation.responses?.[String(status)] ??
      operation.responses?.[`${String(status)[0]}XX`] ??
      operation.responses?.default;
    if (!response) return [`status ${status} is not documented`];
    const content = response.content as Record<string, { schema?: Schema }> | undefined;
    if (!content || Object.keys(content).length === 0) {
      return body.length === 0 || status >= 400
        ? []
        : [`status ${status} is documented without a body, but one was sent`];
    }
    const mediaType = (contentType ?? '').split(';')[0].trim();
    const entry = content[mediaType];
    if (!entry)
      return [
        `content type ${mediaType || '(none)'} is not documented for ${status} (documented: ${Object.keys(content).join(', ')})`,
      ];
    if (!entry.schema || !/json$/.test(mediaType)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`the ${mediaType} body is not JSON`];
    }
    const errors: string[] = [];
    this.check(entry.schema, parsed, '$', errors);
    return errors;
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    while (current?.['$ref']) {
      const name = String(current['$ref']).replace('#/components/schemas/', '');
      current = this.document.components?.schemas?.[name] as Schema;
      if (!current) throw new Error(`unknown schema ${name}`);
    }
    return current;
  }

  private check(raw: Schema, value: unknown, at: string, errors: string[]): void {
    const schema = this.resolve(raw);
    if (value === null) {
      if (
        !schema['nullable'] &&
        schema['type'] !== 'null' &&
        !(Array.isArray(schema['type']) && schema['type'].includes('null'))
      )
        errors.push(`${at}: null is not allowed`);
      return;
    }
    if (schema['allOf']) {
      // Merge the parts: @nestjs/swagger uses allOf for a $ref with extra keywords (nullable, description).
      const merged = (schema['allOf'] as Schema[])
        .map((s) => this.resolve(s))
        .reduce((a, b) => mergeSchemas(a, b), { ...schema, allOf: undefined });
      return this.check(merged, value, at, errors);
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (schema[key]) {
        const fits = (schema[key] as Schema[]).some((option) => {
          const nested: string[] = [];
          this.check(option, value, at, nested);
          return nested.length === 0;
        });
        if (!fits) errors.push(`${at}: fits none of the ${key} options`);
        return;
      }
    }
    if (schema['enum'] && !(schema['enum'] as unknown[]).includes(value))
      errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
    const type = schema['type'] ?? (schema['properties'] ? 'object' : undefined);
    switch (type) {
      case 'string':
        if (typeof value !== 'string') errors.push(`${at}: expected a string`);
        else if (schema['format'] === 'date-time' && Number.isNaN(Date.parse(value)))
          errors.push(`${at}: not a date-time`);
        return;
      case 'integer':
        if (!Number.isInteger(value)) errors.push(`${at}: expected an integer`);
        return;
      case 'number':
        if (typeof value !== 'number') errors.push(`${at}: expected a number`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') errors.push(`${at}: expected a boolean`);
        return;
      case 'array':
        if (!Array.isArray(value)) errors.push(`${at}: expected an array`);
        else if (schema['items']) value.forEach((item, i) => this.check(schema['items'], item, `${at}[${i}]`, errors));
        return;
      case 'object': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          errors.push(`${at}: expected an object`);
          return;
        }
        const record = value as Record<string, unknown>;
        const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
        for (const name of (schema['required'] ?? []) as string[]) {
          if (!(name in record)) errors.push(`${at}.${name}: required but missing`);
        }
        for (const [name, field] of Object.entries(record)) {
          if (properties[name]) this.check(properties[name], field, `${at}.${name}`, errors);
          else if (schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object')
            this.check(schema['additionalProperties'], field, `${at}.${name}`, errors);
          else if (schema['additionalProperties'] !== true) errors.push(`${at}.${name}: not in the document`);
        }
        return;
      }
      default:
        return;
    }
  }
}

function mergeSchemas(a: Schema, b: Schema): Schema {
  return {
    ...a,
    ...b,
    properties: { ...(a['properties'] ?? {}), ...(b['properties'] ?? {}) },
    required: [...(a['required'] ?? []), ...(b['required'] ?? [])],
    nullable: Boolean(a['nullable'] || b['nullable']),
  };
}
