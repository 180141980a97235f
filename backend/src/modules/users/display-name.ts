import { ValidateBy, ValidationOptions } from 'class-validator';

export const RESERVED_DISPLAY_NAME_MESSAGE =
  'displayName must not look like a discussion pseudonym ("Anonymous …") or a stand-in such as "Former member"';

/** Stand-ins the portal shows for accounts it cannot name. */
const STAND_INS = new Set(['former member', 'former admin', 'someone']);

/** Cyrillic and Greek letters that pass for the Latin ones in "anonymous". */
const LOOKALIKES: Record<string, string> = { а: 'a', α: 'a', о: 'o', ο: 'o', у: 'y', υ: 'u', ѕ: 's', м: 'm', п: 'n' };

/**
 * A name that reads like a thread pseudonym ("Anonymous Heron") or a stand-in would let a person
 * pass as an anonymous author, or as nobody. Compared case-insensitively, after folding width
 * variants, invisible characters, repeated spaces and common lookalike letters.
 */
export function isReservedDisplayName(name: string): boolean {
  const plain = [
    ...name
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .replace(/\s+/gu, ' ')
      .trim()
      .toLowerCase(),
  ]
    .map((c) => LOOKALIKES[c] ?? c)
    .join('');
  return /^anonymous(?![\p{L}\p{N}])/u.test(plain) || STAND_INS.has(plain);
}

/** Refuses reserved display names (see `isReservedDisplayName`) with 400 VALIDATION_FAILED on the field. */
export function IsAllowedDisplayName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAllowedDisplayName',
      validator: {
        validate: (value) => typeof value !== 'string' || !isReservedDisplayName(value),
        defaultMessage: () => RESERVED_DISPLAY_NAME_MESSAGE,
      },
    },
    options,
  );
}
