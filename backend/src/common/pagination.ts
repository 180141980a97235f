import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { HttpStatus } from '@nestjs/common';
import { DomainError } from './errors/domain-error';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class InvalidCursorError extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly status = HttpStatus.BAD_REQUEST;

  constructor() {
    super('The cursor is not valid for this list; start again from the first page.');
  }
}

/** Keyset cursors: the sort key of the last row seen, opaque to clients. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      !Array.isArray(values) ||
      values.length !== shape.length ||
      values.some((v, i) => typeof v !== shape[i] || (typeof v === 'string' && v.length > 200))
    ) {
      throw new InvalidCursorError();
    }
    return values as (string | number)[];
  } catch {
    throw new InvalidCursorError();
  }
}

/** The usual keyset cursor: an ISO timestamp and an id. A tampered one is a 400, never a bad query. */
export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const values = decodeCursor(cursor, ['string', 'string']);
  if (!values) return undefined;
  const at = new Date(values[0] as string);
  if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(values[1] as string)) throw new InvalidCursorError();
  return { at, id: values[1] as string };
}

/** Turns `limit + 1` fetched rows into a page and the cursor of its last row. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => (string | number)[],
  map: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(key(pageRows[pageRows.length - 1])) : null,
  };
}
