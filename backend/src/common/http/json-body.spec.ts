import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number, open = '{"a":', close = '}') => open.repeat(depth) + '1' + close.repeat(depth);

describe(jsonDepthExceeds.name, () => {
  it('should accept objects and arrays nested up to the limit', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH, '[', ']'))).toBe(false);
    expect(jsonDepthExceeds('{"a":[1,{"b":[]}],"c":{}}', 4)).toBe(false);
  });

  it('should refuse one level more, objects and arrays mixed', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1, '[{"a":', '}]'))).toBe(true);
    expect(jsonDepthExceeds('{"a":[1,{"b":[[]]}]}', 4)).toBe(true);
  });

  it('should count depth, not the number of brackets', () => {
    expect(jsonDepthExceeds(`[${'{},[],'.repeat(10_000)}1]`, 2)).toBe(false);
  });

  it('should ignore brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: '['.repeat(100), b: '"{{{{\\"[[[[' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'x\\', b: { c: 1 } }), 1)).toBe(true);
  });
});
