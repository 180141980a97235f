import { parseCsv } from './csv';

describe(parseCsv.name, () => {
  it('should split simple rows and number their lines', () => {
    expect(parseCsv('a,b\nc,d\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('should handle quotes, escaped quotes, commas and line breaks inside quotes', () => {
    const records = parseCsv('name,note\r\n"Lovelace, Ada","said ""hi""\nthen left"\r\nx,y');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Lovelace, Ada', 'said "hi"\nthen left'] },
      { line: 4, fields: ['x', 'y'] },
    ]);
  });

  it('should skip blank lines and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\n\n\nc,d')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('should refuse an unterminated quote', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(/line 1/);
  });

  it('should name the line an unterminated quote starts on after blank lines and quoted line breaks', () => {
    expect(() => parseCsv('a,"b\nc"\n\n\nd,"e\nf')).toThrow(/starting on line 5/);
  });
});
