import { CsvError, InfoRecord, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

const newlines = (fields: string[]) => fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);

/**
 * RFC 4180 (csv-parse): quoted fields may contain commas, quotes ("") and line breaks; CRLF or LF.
 * Blank lines are skipped. Throws on an unterminated quote, naming the line where that record starts.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let last: InfoRecord | undefined;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n'],
      on_record: (fields: string[], info: InfoRecord) => {
        last = info;
        // `lines` counts to the record's end; a quoted field's line breaks lie before it.
        if (fields.length > 1 || fields[0]!.trim() !== '')
          records.push({ line: info.lines - newlines(fields), fields });
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // The open record starts after the last complete one and the blank lines that followed it.
      const line = (last?.lines ?? 0) + 1 + (Number(error['empty_lines']) - (last?.empty_lines ?? 0));
      throw new Error(`unterminated quoted field starting on line ${line}`, { cause: error });
    }
    throw error;
  }
  return records;
}

/** RFC 4180 text (csv-stringify) with CRLF line ends, quoting only where a field needs it. */
export function toCsv(rows: string[][]): string {
  return stringify(rows, { record_delimiter: 'windows' });
}
