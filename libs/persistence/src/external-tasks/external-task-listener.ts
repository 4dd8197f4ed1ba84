import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { listenToChannel, type ChannelListening } from '../notifications/channel-listening.js';

/**
 * The PostgreSQL channel new fetchable external tasks are announced on, after the commit that made
 * them: by a trigger for every insert (migration 1764000000300), and by `announce` for tasks made
 * fetchable again. The payload is a JSON array of topics, or `*` for any.
 */
export const EXTERNAL_TASK_CHANNEL = 'tandem_external_task';

/** The topics announced, or 'any' when the announcement names none or some may have been missed. */
export type AnnouncedTopics = string[] | 'any';

export type ExternalTaskListening = ChannelListening;

/**
 * Hears announcements from every engine process on the database. Since announcements may have been
 * missed while the listening connection was lost, its re-opening announces 'any'.
 */
@Injectable()
export class ExternalTaskListener {
  constructor(private readonly dataSource: DataSource) {}

  /** Starts listening; resolves once the first connection attempt is over (failed ones retry in the background). */
  async listen(onAnnounced: (topics: AnnouncedTopics) => void, onLost: (error: Error) => void): Promise<ExternalTaskListening> {
    return listenToChannel(this.dataSource, EXTERNAL_TASK_CHANNEL, {
      notified: (payload) => onAnnounced(parseTopics(payload)),
      listening: (reconnected) => {
        if (reconnected) onAnnounced('any');
      },
      lost: onLost,
    });
  }

  /** Announces topics whose tasks just became fetchable (call after the commit that did it). */
  async announce(topics: string[]): Promise<void> {
    await this.dataSource.query(`SELECT pg_notify($1, $2)`, [EXTERNAL_TASK_CHANNEL, JSON.stringify(topics)]);
  }
}

const parseTopics = (payload: string | undefined): AnnouncedTopics => {
  try {
    const topics: unknown = JSON.parse(payload ?? '');
    return Array.isArray(topics) && topics.every((topic) => typeof topic === 'string') ? topics : 'any';
  } catch {
    return 'any';
  }
};
