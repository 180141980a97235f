import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

export class BindStreamTicketsToTokenVersion1764830000000 implements MigrationInterface {
  name = 'BindStreamTicketsToTokenVersion1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Tickets live a minute; those issued before this column existed are simply spent.
    await queryRunner.query('DELETE FROM stream_tickets');
    await queryRunner.addColumn('stream_tickets', new TableColumn({ name: 'token_version', type: 'int' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('stream_tickets', 'token_version');
  }
}
