import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

const CHUNK = 500;

/**
 * Plain multi-row INSERT in chunks. `updateEntity(false)` matters: on SQLite, TypeORM reads
 * RETURNING rows back into the inserted objects by position, and SQLite returns them in no
 * particular order, which would swap the objects' ids.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK))
      .updateEntity(false)
      .execute();
  }
}
