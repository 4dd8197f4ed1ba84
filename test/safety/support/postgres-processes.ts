import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The postmaster of a data directory and the processes it forked (backends, checkpointer, walwriter...). */
export interface PostgresProcesses {
  postmaster: number | null;
  children: number[];
}

export const postgresProcesses = (dataDir: string): PostgresProcesses => {
  let postmaster: number | null;
  try {
    postmaster = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
  } catch {
    return { postmaster: null, children: [] };
  }
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => parentOf(pid) === postmaster);
  return { postmaster, children };
};

/**
 * Signals a data directory's PostgreSQL as an operator or a failing machine would: SIGSTOP/SIGCONT
 * every process (a frozen server); SIGTERM (smart shutdown), SIGINT (fast shutdown) or SIGKILL
 * (a crash) to the postmaster alone.
 */
export const signalPostgres = (dataDir: string, signal: NodeJS.Signals): void => {
  const { postmaster, children } = postgresProcesses(dataDir);
  if (postmaster === null) return;
  const everyProcess = signal === 'SIGSTOP' || signal === 'SIGCONT';
  for (const pid of everyProcess ? [postmaster, ...children] : [postmaster]) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
};

const parentOf = (pid: number): number | null => {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!, 10);
  } catch {
    return null;
  }
};
