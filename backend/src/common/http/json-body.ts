import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error';

/** No request of this API needs more; deeper bodies only cost recursion in validation (or overflow its stack). */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deep the objects and arrays of a JSON text nest, counting brackets outside strings in one
 * pass; stops as soon as `limit` is passed. Brackets of malformed text are counted the same way
 * (JSON.parse refuses the text afterwards).
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

export class JsonTooDeepError extends ValidationFailedError {
  constructor() {
    super([{ field: 'body', message: `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep` }]);
  }
}

/**
 * Fastify's own JSON parser (which refuses __proto__ and constructor.prototype) behind a depth
 * check; an empty body on a POST without fields is simply no body.
 */
export function registerJsonParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || body === undefined) return done(null, undefined);
    if (jsonDepthExceeds(body as string)) return done(new JsonTooDeepError(), undefined);
    parseJson(request, body as string, done);
  });
}
