import { Injectable } from '@nestjs/common';
import type { Subscription } from '#engine';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

/** An open message subscription: where a message with its name and correlation key goes. */
export interface MessageSubscriptionRecord {
  id: string;
  instanceId: string;
  activityInstanceId: string;
  elementId: string;
  name: string;
  correlationKey: string | null;
  createdAt: Date;
}

/** A process-level message or signal start event of the newest version of a key. */
export interface StartEventRecord {
  processVersionId: string;
  processKey: string;
  version: number;
  startEventId: string;
}

const MESSAGE_COLUMNS = `id, instance_id AS "instanceId", activity_instance_id AS "activityInstanceId", element_id AS "elementId",
       name, correlation_key AS "correlationKey", created_at AS "createdAt"`;

/**
 * Reads the `subscription` rows that every commit keeps equal to the open subscriptions of the
 * instance's state, and the start events of the deployed processes, to route messages and signals.
 */
@Injectable()
export class SubscriptionRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Open message subscriptions for a name and correlation key (a message without a key reaches
   * only subscriptions without one), oldest first, at most `limit`.
   */
  async findMessageSubscriptions(name: string, correlationKey: string | null, limit: number): Promise<MessageSubscriptionRecord[]> {
    return correlationKey === null
      ? this.sql.rows<MessageSubscriptionRecord>(
          `SELECT ${MESSAGE_COLUMNS} FROM subscription
           WHERE event_type = 'message' AND name = $1 AND correlation_key IS NULL
           ORDER BY created_at, id LIMIT $2`,
          [name, limit],
        )
      : this.sql.rows<MessageSubscriptionRecord>(
          `SELECT ${MESSAGE_COLUMNS} FROM subscription
           WHERE event_type = 'message' AND name = $1 AND correlation_key = $2
           ORDER BY created_at, id LIMIT $3`,
          [name, correlationKey, limit],
        );
  }

  /** The instances holding at least one open subscription to the signal, in the order they started waiting. */
  async findSignalInstanceIds(name: string): Promise<string[]> {
    const rows = await this.sql.rows<{ instanceId: string }>(
      `SELECT instance_id AS "instanceId" FROM subscription
       WHERE event_type = 'signal' AND name = $1
       GROUP BY instance_id ORDER BY min(created_at), instance_id`,
      [name],
    );
    return rows.map((row) => row.instanceId);
  }

  /**
   * The process-level start events of that kind and name, in the newest version of every key: a
   * message or signal starts new cases on the version new cases start on (never a documentation-only one). Read from the stored
   * graphs (`startEventIds` and the nodes' event definitions), so deploying needs no extra step.
   */
  async findStartEvents(eventType: Subscription['eventType'], name: string): Promise<StartEventRecord[]> {
    return this.sql.rows<StartEventRecord>(
      `SELECT v.id AS "processVersionId", v.key AS "processKey", v.version, s.start_event_id AS "startEventId"
       FROM (SELECT DISTINCT ON (key) id, key, version, graph, executable FROM process_version ORDER BY key, version DESC) v
       CROSS JOIN LATERAL jsonb_array_elements_text(v.graph -> 'startEventIds') AS s(start_event_id)
       WHERE v.executable
         AND v.graph #>> ARRAY['nodes', s.start_event_id, 'eventDefinition', 'type'] = $1
         AND v.graph #>> ARRAY['nodes', s.start_event_id, 'eventDefinition', $2] = $3
       ORDER BY v.key, s.start_event_id`,
      [eventType, eventType === 'message' ? 'messageName' : 'signalName', name],
    );
  }
}
