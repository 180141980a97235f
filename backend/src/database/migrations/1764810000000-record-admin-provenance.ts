import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = [
  ['created_by', 'varchar(36)'],
  ['admin_via', 'varchar(8)'],
  ['admin_since', 'datetime(3)'],
  ['admin_by', 'varchar(36)'],
] as const;
const ADD_COLUMNS = COLUMNS.map(([name, type]) => `ALTER TABLE users ADD COLUMN ${name} ${type} NULL`);
const DROP_COLUMNS = [...COLUMNS].reverse().map(([name]) => `ALTER TABLE users DROP COLUMN ${name}`);

/** Audit entries of a role change that made the account (`users.id`) an admin. */
const PROMOTIONS = `FROM audit_log a WHERE a.target_id = users.id AND a.action = 'user.updated'
  AND (a.details LIKE '%"role":{"from":"student","to":"admin"}%' OR a.details LIKE '%"role":{"from":"mentor","to":"admin"}%')`;
const LATEST = 'ORDER BY a.created_at DESC, a.id DESC LIMIT 1';
const CREATION = `FROM audit_log a WHERE a.target_id = users.id AND a.action = 'user.created'`;

const FILL_CREATED_BY = `UPDATE users SET created_by = (SELECT a.actor_id ${CREATION} ORDER BY a.created_at, a.id LIMIT 1) WHERE EXISTS (SELECT 1 ${CREATION})`;
const FILL_PROMOTED = `UPDATE users SET admin_via = 'admin', admin_since = (SELECT a.created_at ${PROMOTIONS} ${LATEST}), admin_by = (SELECT a.actor_id ${PROMOTIONS} ${LATEST})
  WHERE role = 'admin' AND EXISTS (SELECT 1 ${PROMOTIONS})`;
const FILL_CLI = `UPDATE users SET admin_via = 'cli', admin_since = created_at WHERE role = 'admin' AND admin_via IS NULL AND EXISTS (SELECT 1 ${CREATION} AND a.actor_id IS NULL)`;
const FILL_REST =
  "UPDATE users SET admin_via = 'admin', admin_since = created_at, admin_by = created_by WHERE role = 'admin' AND admin_via IS NULL";

/**
 * Who created each account, and how, when and by whom each admin became admin — what the reveal's
 * independence rule needs. Existing rows are filled from the audit log, erring on the side of "made
 * by another admin": the latest promotion wins, then a creation without an actor (the CLI), then a
 * creation by an admin; an admin with no trace counts as made by another admin when created.
 */
export class RecordAdminProvenance1764810000000 implements MigrationInterface {
  name = 'RecordAdminProvenance1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of ADD_COLUMNS) await queryRunner.query(statement);
    for (const statement of [FILL_CREATED_BY, FILL_PROMOTED, FILL_CLI, FILL_REST]) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DROP_COLUMNS) await queryRunner.query(statement);
  }
}
