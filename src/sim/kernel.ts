import { EventQueue } from './eventQueue.ts';

/** Handles one event kind; `payload` is the integer given to `schedule`. */
export type Handler = (payload: number) => void;

export interface RunLimits {
  /** Process events with time <= until (default: all). */
  until?: number;
  /** Process at most this many events in this call (default: no limit). */
  maxSteps?: number;
}

export interface RunStatus {
  /** No event is left at or before `until`. */
  done: boolean;
  now: number;
  steps: number;
}

/**
 * The discrete-event kernel: a clock and an event queue. Models register a handler per event
 * kind (`on`) and schedule events (`schedule`); `run` processes them in (time, priority,
 * sequence) order. A run can be cut into chunks with `until` and `maxSteps` and resumed; a chunked
 * run processes exactly the same events as one run.
 */
export class Kernel {
  private readonly queue = new EventQueue(4096);
  private readonly handlers: Handler[] = [];
  private readonly names: string[] = [];
  private clock = 0;
  /** Events processed so far. */
  steps = 0;

  get now(): number {
    return this.clock;
  }

  /** Registers a handler and returns its event kind. */
  on(name: string, handler: Handler): number {
    if (this.handlers.length >= 255) throw new Error('too many event kinds (max 255)');
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  kindName(kind: number): string {
    return this.names[kind] ?? `kind ${kind}`;
  }

  /**
   * Schedules an event at absolute time `time` (>= now). Lower `priority` runs first among
   * events at the same time; equal priority runs first-in-first-out.
   */
  schedule(time: number, kind: number, payload = 0, priority = 0): void {
    if (!(time >= this.clock) || !(kind >= 0 && kind < this.handlers.length)) this.reject(time, kind);
    this.queue.push(time, kind, payload, priority);
  }

  /**
   * Opens a stream: a self-rescheduling chain of events that keeps at most one event pending (the
   * workload's arrivals, the overflow timeouts' sweep). Its events (`scheduleStream`) run in the
   * same order as with `schedule`, but are kept beside the event heap and the calendar, so they
   * cost no heap operation. A few streams per kernel (8).
   */
  openStream(): number {
    return this.queue.openStream();
  }

  /** Schedules the next event of stream `stream` (see `openStream`); its previous event must have fired. */
  scheduleStream(stream: number, time: number, kind: number, payload = 0, priority = 0): void {
    if (!(time >= this.clock) || !(kind >= 0 && kind < this.handlers.length)) this.reject(time, kind);
    this.queue.pushStream(stream, time, kind, payload, priority);
  }

  /**
   * Throws for an event scheduled in the past or of an unknown kind. Kept out of `schedule` so the
   * hot path stays small enough for the JIT to inline into the models' handlers.
   */
  private reject(time: number, kind: number): never {
    if (!(kind >= 0 && kind < this.handlers.length)) throw new Error(`unknown event kind ${kind}`);
    throw new Error(`cannot schedule ${this.kindName(kind)} at ${time}: it is before now (${this.clock})`);
  }

  /** Time of the next event, or Infinity when none is left. */
  peek(): number {
    return this.queue.peekTime();
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Processes the next event; returns false when the queue is empty. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.clock = q.poppedTime;
    this.steps++;
    this.handlers[q.poppedKind](q.poppedPayload);
    return true;
  }

  run(limits: RunLimits = {}): RunStatus {
    const until = limits.until ?? Infinity;
    this.drain(until, limits.maxSteps ?? Infinity);
    const q = this.queue;
    const done = q.size === 0 || q.peekTime() > until;
    if (done && until !== Infinity && until > this.clock) this.clock = until;
    return { done, now: this.clock, steps: this.steps };
  }

  /**
   * `run`'s event loop: processes the events due by `until`, at most `maxSteps` of them. A function
   * of its own for the JIT: V8 compiles the loop on-stack (OSR) while the first chunk still runs,
   * before the code after the loop ever ran; with that code in the same function, every later
   * chunk re-entered the OSR code and ended in a deoptimisation ("Insufficient type feedback").
   */
  private drain(until: number, maxSteps: number): void {
    const q = this.queue;
    const handlers = this.handlers;
    let n = 0;
    while (n < maxSteps && q.popUntil(until)) {
      this.clock = q.poppedTime;
      this.steps++;
      n++;
      handlers[q.poppedKind](q.poppedPayload);
    }
  }
}
