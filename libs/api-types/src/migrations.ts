/** What a batch migration of running instances answers (POST .../migrate, and an experiment's migrate-running). */

/** What became of one instance: moved, (dry run) movable, or left where it was and why. */
export interface InstanceMigrationView {
  instanceId: string;
  status: 'migrated' | 'wouldMigrate' | 'failed';
  /** the revision after the migration (a dry run: the current one) */
  revision?: number;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

export interface BatchMigrationView {
  sourceProcessVersionId: string;
  targetProcessVersionId: string;
  dryRun: boolean;
  /** moved, or (dry run) movable */
  migrated: number;
  failed: number;
  results: InstanceMigrationView[];
}

/** POST /api/experiments/{id}/migrate-running: per losing arm, its running cases checked (dry run) or moved to the winner's version. */
export interface RunningMigrationView {
  experimentId: string;
  winnerArmId: string;
  dryRun: boolean;
  arms: Array<BatchMigrationView & { armId: string }>;
}
