import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by thread of this process, from Linux's /proc/self/task/<tid>/stat (utime + stime, in
 * clock ticks of 10 ms): the JavaScript thread apart from every other thread. In a replay the other
 * threads are almost all V8's background TurboFan compilation (a perf profile of the 1M `nodes`
 * replay: 95% compiler, <3% GC), so their share says how much of a replay's CPU is spent compiling
 * it, which `process.cpuUsage()` folds into one figure. Undefined where /proc is not there.
 */
export interface ThreadCpu {
  /** CPU ms of the main (JavaScript) thread. */
  mainMs: number;
  /** CPU ms of all other threads: V8's compiler and GC helpers, libuv's pool. */
  otherMs: number;
}

const TICK_MS = 10;

export function threadCpu(): ThreadCpu | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  const self = String(process.pid);
  let mainMs = 0;
  let otherMs = 0;
  for (const tid of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // Fields after the command name (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
    if (tid === self) mainMs += ms;
    else otherMs += ms;
  }
  return { mainMs, otherMs };
}

/** The CPU time by thread spent since `before` (as `process.cpuUsage(before)` does for the whole process). */
export function threadCpuSince(before: ThreadCpu | undefined): ThreadCpu | undefined {
  const now = threadCpu();
  return before && now ? { mainMs: now.mainMs - before.mainMs, otherMs: now.otherMs - before.otherMs } : undefined;
}
