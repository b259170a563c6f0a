import { existsSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) a live process has used so far, from /proc; null where there is none. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  return pid === undefined ? null : cpuSecondsIn(`/proc/${pid}/stat`);
}

/**
 * CPU seconds this process's main thread (the event loop: our JavaScript, and PGlite's queries) has
 * used so far; null where /proc is not there. Without argon2's pool threads, whose time swamps it.
 */
export function mainThreadCpuSeconds(): number | null {
  return cpuSecondsIn(`/proc/${process.pid}/task/${process.pid}/stat`);
}

function cpuSecondsIn(statFile: string): number | null {
  if (!existsSync(statFile)) return null;
  // Fields after the command name: state is 3rd, utime the 14th and stime the 15th of the whole line.
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds (user + system) this process has used so far, every thread counted (libuv's pool too). */
export function ownCpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

/** The total CPU seconds of these processes so far, or null when none of them can be read here. */
export function cpuSecondsOfAll(pids: readonly number[]): number | null {
  const each = pids.map((pid) => cpuSecondsOf(pid)).filter((s): s is number => s !== null);
  return each.length === 0 ? null : each.reduce((a, b) => a + b, 0);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
