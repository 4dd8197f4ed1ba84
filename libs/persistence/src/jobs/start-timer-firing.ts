import { DomainError } from '#core';
import type { EntityManager } from 'typeorm';
import { JOB_ERRORS } from './job-errors.js';
import type { StartTimer } from './job.repository.js';

/** A claimed start timer that fired, and its next occurrence for a cycle. */
export interface StartTimerFiring {
  id: string;
  owner: string;
  next: Omit<StartTimer, 'elementId'> | undefined;
}

/**
 * Replaces a fired start timer's job by the next occurrence of its cycle (or removes it), in the
 * transaction of the commit of the instance it started (see InstanceRepository.commit): the
 * instance exists exactly when its occurrence is gone. Throws JOB_NOT_HELD, and the transaction then
 * writes nothing, when this owner no longer holds the job (its lease ran out and another process
 * took it, or a newer version replaced the timers).
 */
export const fireStartTimer = async (transaction: EntityManager, job: StartTimerFiring): Promise<void> => {
  const [held]: Array<{ fired: number }> = await transaction.query(
    `WITH fired AS (
       DELETE FROM job WHERE id = $1 AND locked_by = $2 AND type = 'timerStart'
       RETURNING id, process_version_id, element_id
     ), scheduled AS (
       INSERT INTO job (id, type, process_version_id, element_id, due_at, repeat)
       SELECT $3, 'timerStart', process_version_id, element_id, $4, $5::jsonb FROM fired WHERE $3::uuid IS NOT NULL
     )
     SELECT count(*)::integer AS fired FROM fired`,
    [job.id, job.owner, job.next?.id ?? null, job.next?.dueAt ?? null, job.next?.repeat ? JSON.stringify(job.next.repeat) : null],
  );
  if (held.fired === 0) {
    throw new DomainError(JOB_ERRORS.jobNotHeld, `Start timer ${job.id} is no longer held by ${job.owner}`, { id: job.id });
  }
};
