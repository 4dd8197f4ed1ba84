/**
 * CPU time spent by the processes of a bench, read from Linux's /proc: the engine, the database (its
 * postmaster and every backend, ended ones included) and the whole machine. Throughput on a shared
 * 2-core machine moves with whatever else runs; CPU milliseconds per call barely do, so a change is
 * judged by them and the machine's load is printed beside every figure.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcessTimes {
  parentPid: number;
  /** user + system ticks of the process itself */
  ownTicks: number;
  /** user + system ticks of its children that ended and were waited for */
  endedChildrenTicks: number;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): state is [0], ppid [1], utime [11]. */
function timesOf(pid: number): ProcessTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parentPid: Number(fields[1]), ownTicks: Number(fields[11]) + Number(fields[12]), endedChildrenTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

/** CPU ms of a process and all it started, alive or ended. */
export function processTreeCpuMs(rootPid: number): number {
  const all = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const times = timesOf(pid);
    if (times) all.set(pid, times);
  }
  const root = all.get(rootPid);
  if (!root) return 0;
  let ticks = root.ownTicks + root.endedChildrenTicks;
  const inTree = new Set([rootPid]);
  // /proc lists parents before children almost always; two passes catch the rest.
  for (let pass = 0; pass < 2; pass++) {
    for (const [pid, times] of all) {
      if (inTree.has(pid) || !inTree.has(times.parentPid)) continue;
      inTree.add(pid);
      ticks += times.ownTicks + times.endedChildrenTicks;
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Busy and total CPU ms of the whole machine (all cores) since boot, from /proc/stat. */
function machineCpuMs(): { busyMs: number; totalMs: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busyMs: ((total - idle) * 1000) / TICKS_PER_SECOND, totalMs: (total * 1000) / TICKS_PER_SECOND };
}

export interface CpuWindow {
  /** CPU ms each named process tree used in the window. */
  byName: Record<string, number>;
  /** CPU ms of the bench's own process (the load driver). */
  benchMs: number;
  /** CPU ms of the whole machine that none of the named trees nor the bench used: the load the bench shared the machine with. */
  othersMs: number;
  /** Share of the machine's cores busy in the window, 0..1. */
  machineBusy: number;
  /** The 1-minute load average at the window's end. */
  loadAverage: number;
}

/** Starts measuring; `stop` answers what each tree (by root pid) used since. */
export function startCpuWindow(trees: Record<string, number>): { stop(): CpuWindow } {
  const before = Object.fromEntries(Object.entries(trees).map(([name, pid]) => [name, processTreeCpuMs(pid)]));
  const benchBefore = process.cpuUsage();
  const machineBefore = machineCpuMs();
  return {
    stop() {
      const byName = Object.fromEntries(Object.entries(trees).map(([name, pid]) => [name, processTreeCpuMs(pid) - before[name]]));
      const { user, system } = process.cpuUsage(benchBefore);
      const benchMs = (user + system) / 1000;
      const machine = machineCpuMs();
      const busyMs = machine.busyMs - machineBefore.busyMs;
      const namedMs = Object.values(byName).reduce((sum, ms) => sum + ms, 0);
      return {
        byName,
        benchMs,
        othersMs: Math.max(0, busyMs - namedMs - benchMs),
        machineBusy: busyMs / Math.max(1, machine.totalMs - machineBefore.totalMs),
        loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      };
    },
  };
}
