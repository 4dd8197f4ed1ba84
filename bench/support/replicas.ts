/**
 * The scale-out topology without Docker: several engine processes (the built app) on one
 * PostgreSQL. Shared by `npm run replicas`, the two-replica safety test and the soak bench.
 */
import { startBenchDatabase, type BenchDatabase } from './bench-database.js';
import { startEngineProcess, type EngineProcess, type EngineProcessOptions } from './engine-process.js';

export interface Replicas {
  databaseUrl: string;
  /** In the order of `ports` (when given). */
  engines: EngineProcess[];
  /** Stops every engine (SIGTERM, waiting for each), then the database if it was started here. */
  stop(): Promise<void>;
}

export interface ReplicasOptions extends Pick<EngineProcessOptions, 'env' | 'nodeArgs' | 'stdout' | 'stderr'> {
  count: number;
  /** A database to share; without it a throwaway embedded PostgreSQL is started (and stopped by `stop`). */
  databaseUrl?: string;
  /** One HTTP port per engine; random ones when absent. */
  ports?: number[];
}

const DATABASE = 'tandem';

export async function startReplicas(options: ReplicasOptions): Promise<Replicas> {
  const database: BenchDatabase | undefined = options.databaseUrl === undefined ? await startBenchDatabase([DATABASE]) : undefined;
  const databaseUrl = options.databaseUrl ?? database!.url(DATABASE);
  // All at once, as replicas of a deployment start: the first takes the migration lock, the others wait and find nothing to do.
  const starting = await Promise.allSettled(
    Array.from({ length: options.count }, (_, n) =>
      startEngineProcess({ databaseUrl, env: options.env, nodeArgs: options.nodeArgs, stdout: options.stdout, stderr: options.stderr, port: options.ports?.[n] }),
    ),
  );
  const engines = starting.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    await database?.stop();
  };
  const failed = starting.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { databaseUrl, engines, stop };
}
