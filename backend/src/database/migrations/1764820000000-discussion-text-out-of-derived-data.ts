import { MigrationInterface, QueryRunner } from 'typeorm';

const BATCH = 500;
const REPLY_TITLE = 'New reply in one of your threads';
const ACCEPTED_TITLE = 'Your answer was accepted';
const ACCEPTED_BODY = 'The person who asked marked your reply as the accepted answer.';
const REVEALED_BODY = 'Two programme admins approved revealing that you wrote an anonymous post.';
const REVEALED_REASON = 'Reason given: ';

/** Stored `<shown name>: <excerpt>` → `<shown name> replied.` (at worst a prefix of the name survives, never the excerpt). */
function replyBody(old: string): string {
  const end = old.indexOf(': ');
  return `${end > 0 ? old.slice(0, end) : 'Someone'} replied.`;
}

/** Stored `… in “<title>”. Reason given: <reason>` → the new wording with the admin's reason only. */
function revealedBody(old: string): string {
  // The last marker: a title containing the marker comes before it, so no part of a title survives.
  const at = old.lastIndexOf(REVEALED_REASON);
  return at < 0 ? REVEALED_BODY : `${REVEALED_BODY} ${old.slice(at)}`;
}

/**
 * Discussion text out of everything derived from it: stored notifications of discussion events are
 * rewritten to the wording that refers to the thread without copying its title or a post's words,
 * the live-event replay rows that copied them are deleted, and threads get a `hidden` flag so
 * moderators can hide a whole thread, title included.
 */
export class DiscussionTextOutOfDerivedData1764820000000 implements MigrationInterface {
  name = 'DiscussionTextOutOfDerivedData1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE discussion_threads ADD COLUMN hidden boolean NOT NULL DEFAULT 0');

    await this.rewrite(queryRunner, 'discussion.reply', REPLY_TITLE, replyBody);
    await this.rewrite(queryRunner, 'discussion.revealed', null, revealedBody);
    await queryRunner.query('UPDATE notifications SET title = ?, body = ? WHERE type = ?', [
      ACCEPTED_TITLE,
      ACCEPTED_BODY,
      'discussion.answer_accepted',
    ]);

    // Payloads are the notification as JSON; a quote inside a text would be escaped, so only the
    // notification's own type field matches.
    await queryRunner.query(
      "DELETE FROM event_log WHERE type = 'notification' AND (payload LIKE ? OR payload LIKE ? OR payload LIKE ?)",
      ['%"type":"discussion.reply"%', '%"type":"discussion.answer_accepted"%', '%"type":"discussion.revealed"%'],
    );
  }

  /** The removed text cannot come back; only the column goes. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE discussion_threads DROP COLUMN hidden');
  }

  private async rewrite(
    queryRunner: QueryRunner,
    type: string,
    title: string | null,
    body: (old: string) => string,
  ): Promise<void> {
    let after = '';
    for (;;) {
      const rows: { id: string; body: string }[] = await queryRunner.query(
        'SELECT id, body FROM notifications WHERE type = ? AND id > ? ORDER BY id LIMIT ?',
        [type, after, BATCH],
      );
      if (rows.length === 0) return;
      const byBody = new Map<string, string[]>();
      for (const row of rows) {
        const next = body(row.body);
        byBody.set(next, [...(byBody.get(next) ?? []), row.id]);
      }
      for (const [next, ids] of byBody) {
        await queryRunner.manager
          .createQueryBuilder()
          .update('notifications')
          .set(title === null ? { body: next } : { title, body: next })
          .where('id IN (:...ids)', { ids })
          .execute();
      }
      after = rows[rows.length - 1].id;
    }
  }
}
