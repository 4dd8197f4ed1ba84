/**
 * Processes found by a tag in their environment (Linux /proc): every process a test run starts
 * inherits TANDEM_TEST_RUN from the jest global setup, and a browser test's stack adds
 * TANDEM_TEST_TAG. Whatever a failed or killed test left behind is found, and ended, by its tag.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * @param {string} name
 * @param {string} value
 * @returns {number[]} the pids whose environment has name=value (not this process)
 */
export const processesTagged = (name, value) => {
  const wanted = `${name}=${value}`;
  const found = [];
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // not Linux: nothing to find this way
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(wanted)) found.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
};

/**
 * SIGKILLs every process tagged name=value.
 * @param {string} name
 * @param {string} value
 * @returns {{ pid: number, command: string }[]} what was still running
 */
export const killTagged = (name, value) =>
  processesTagged(name, value).map((pid) => {
    let command = '?';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    return { pid, command };
  });
