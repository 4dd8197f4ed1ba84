import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages and signals. `subscription` mirrors the open message and signal waits of every instance's
 * state (written in the same statement as the state), so `POST /messages` and signal broadcasts find
 * their targets without reading instance documents. `message` holds messages waiting for a
 * subscription (buffered with a time-to-live) and remembers published message ids, which makes
 * publishing with a `messageId` idempotent.
 */
export class Subscriptions1764000000100 implements MigrationInterface {
  name = 'Subscriptions1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE subscription (
        id uuid NOT NULL,
        instance_id uuid NOT NULL,
        activity_instance_id uuid NOT NULL,
        element_id text NOT NULL,
        event_type text NOT NULL,
        name text NOT NULL,
        correlation_key text,
        created_at timestamptz NOT NULL,
        CONSTRAINT subscription_pkey PRIMARY KEY (id),
        CONSTRAINT subscription_event_type_check CHECK (event_type IN ('message', 'signal')),
        CONSTRAINT subscription_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX subscription_message_idx ON subscription (name, correlation_key) WHERE event_type = 'message'`);
    await queryRunner.query(`CREATE INDEX subscription_signal_idx ON subscription (name) WHERE event_type = 'signal'`);
    await queryRunner.query(`CREATE INDEX subscription_instance_idx ON subscription (instance_id)`);

    await queryRunner.query(`
      CREATE TABLE message (
        id uuid NOT NULL,
        message_id text,
        name text NOT NULL,
        correlation_key text,
        variables jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        correlated_at timestamptz,
        CONSTRAINT message_pkey PRIMARY KEY (id),
        CONSTRAINT message_message_id_unique UNIQUE (message_id)
      )`);
    // Buffered messages are looked up by what a subscription waits for, oldest first.
    await queryRunner.query(`CREATE INDEX message_buffered_idx ON message (name, correlation_key, published_at) WHERE correlated_at IS NULL`);
    await queryRunner.query(`CREATE INDEX message_expires_idx ON message (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE message`);
    await queryRunner.query(`DROP TABLE subscription`);
  }
}
