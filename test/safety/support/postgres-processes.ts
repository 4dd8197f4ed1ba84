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
 * every process (a frozen server), SIGINT the postmaster (fast shutdown), SIGKILL it (a crash).
 */
export const signalPostgres = (dataDir: string, signal: NodeJS.Signals, which: 'all' | 'postmaster' = signal === 'SIGINT' ? 'postmaster' : 'all'): void => {
  const { postmaster, children } = postgresProcesses(dataDir);
  if (postmaster === null) return;
  for (const pid of which === 'all' ? [postmaster, ...children] : [postmaster]) {
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
