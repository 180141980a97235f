import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = [
  ['created_by', 'varchar(36)'],
  ['admin_via', 'varchar(8)'],
  ['admin_since', 'datetime(3)'],
  ['admin_by', 'varchar(36)'],
] as const;

/** Audit entries of a role change that made the account (`users.id`) an admin. */
const PROMOTIONS = `FROM audit_log a WHERE a.target_id = users.id AND a.action = 'user.updated'
  AND (a.details LIKE '%"role":{"from":"student","to":"admin"}%' OR a.details LIKE '%"role":{"from":"mentor","to":"admin"}%')`;
const LATEST = 'ORDER BY a.created_at DESC, a.id DESC LIMIT 1';
const CREATION = `FROM audit_log a WHERE a.target_id = users.id AND a.action = 'user.created'`;

/**
 * Who created each account, and how, when and by whom each admin became admin — what the reveal's
 * independence rule needs. Existing rows are filled from the audit log, erring on the side of "made
 * by another admin": the latest promotion wins, then a creation without an actor (the CLI), then a
 * creation by an admin; an admin with no trace counts as made by another admin when created.
 */
export class RecordAdminProvenance1764810000000 implements MigrationInterface {
  name = 'RecordAdminProvenance1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, type] of COLUMNS) await queryRunner.query(`ALTER TABLE users ADD COLUMN ${name} ${type} NULL`);

    await queryRunner.query(`UPDATE users SET created_by = (SELECT a.actor_id ${CREATION} ORDER BY a.created_at, a.id LIMIT 1) WHERE EXISTS (SELECT 1 ${CREATION})`);
    await queryRunner.query(
      `UPDATE users SET admin_via = 'admin', admin_since = (SELECT a.created_at ${PROMOTIONS} ${LATEST}), admin_by = (SELECT a.actor_id ${PROMOTIONS} ${LATEST})
       WHERE role = 'admin' AND EXISTS (SELECT 1 ${PROMOTIONS})`,
    );
    await queryRunner.query(`UPDATE users SET admin_via = 'cli', admin_since = created_at WHERE role = 'admin' AND admin_via IS NULL AND EXISTS (SELECT 1 ${CREATION} AND a.actor_id IS NULL)`);
    await queryRunner.query(`UPDATE users SET admin_via = 'admin', admin_since = created_at, admin_by = created_by WHERE role = 'admin' AND admin_via IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE users DROP COLUMN ${name}`);
  }
}
