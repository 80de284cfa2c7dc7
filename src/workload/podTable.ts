import { arrivalOrder } from './arrivalOrder.ts';

/**
 * The pods of a workload as struct-of-arrays, sorted by arrival. Times in seconds from the start of
 * the scenario, CPU in millicores, memory in MiB. `cls` indexes `classNames`.
 */
export interface PodTable {
  count: number;
  arrival: Float64Array;
  duration: Float64Array;
  cpu: Float64Array;
  mem: Float64Array;
  cls: Uint16Array;
  classNames: string[];
  /** Trace pods that arrive at or after the horizon and are not replayed (set by buildWorkload when there are any). */
  afterHorizon?: number;
  /**
   * 1 for a pod whose end is a wall-clock time (arrival + duration), like a class that ends at its
   * set time however late its pod started; absent or 0: the pod runs its duration from when it
   * starts (traces). Absent when no pod of the table has a fixed end.
   */
  fixedEnd?: Uint8Array;
  /**
   * Per class (index: class id): the compressed size in MiB of the image its pods run, NaN where
   * the workload gives none (the pull is then the podStart.imagePull delay). Absent when no
   * workload gives a size.
   */
  imageSizeMiB?: Float64Array;
}

/** The table's five buffers, to transfer it to or from a worker. */
export function tableBuffers(t: PodTable): ArrayBuffer[] {
  return [t.arrival, t.duration, t.cpu, t.mem, t.cls, ...(t.fixedEnd ? [t.fixedEnd] : [])].map((a) => a.buffer as ArrayBuffer);
}

/** A copy of a pod table whose buffers can be transferred while the original stays usable. */
export function copyTable(t: PodTable): PodTable {
  return {
    ...t,
    arrival: t.arrival.slice(),
    duration: t.duration.slice(),
    cpu: t.cpu.slice(),
    mem: t.mem.slice(),
    cls: t.cls.slice(),
    classNames: [...t.classNames],
    ...(t.fixedEnd ? { fixedEnd: t.fixedEnd.slice() } : {}),
    ...(t.imageSizeMiB ? { imageSizeMiB: t.imageSizeMiB.slice() } : {}),
  };
}

/** Class ids are stored in a Uint16Array. */
const MAX_CLASS_ID = 65535;

/** A 65,537th distinct class: callers turn it into a message naming their file, line or source. */
export class TooManyClassesError extends Error {
  constructor(readonly className: string) {
    super(`more than ${(MAX_CLASS_ID + 1).toLocaleString('en-US')} distinct pod classes (at "${className.slice(0, 40)}")`);
  }
}

/** Growable builder used by generators and importers; `finish` sorts by arrival (stable). */
export class PodTableBuilder {
  private n = 0;
  private arrival = new Float64Array(1024);
  private duration = new Float64Array(1024);
  private cpu = new Float64Array(1024);
  private mem = new Float64Array(1024);
  private cls = new Uint16Array(1024);
  private fixedEnd = new Uint8Array(1024);
  private anyFixedEnd = false;
  private readonly classIndex = new Map<string, number>();
  readonly classNames: string[] = [];

  get count(): number {
    return this.n;
  }

  classId(name: string): number {
    let id = this.classIndex.get(name);
    if (id === undefined) {
      id = this.classNames.length;
      if (id > MAX_CLASS_ID) throw new TooManyClassesError(name);
      this.classIndex.set(name, id);
      this.classNames.push(name);
    }
    return id;
  }

  /** `fixedEnd`: the pod ends at arrival + duration on the wall clock (see `PodTable.fixedEnd`). */
  add(arrival: number, duration: number, cpu: number, mem: number, classId: number, fixedEnd = false): void {
    if (this.n === this.arrival.length) this.grow();
    const i = this.n++;
    if (fixedEnd) {
      this.fixedEnd[i] = 1;
      this.anyFixedEnd = true;
    }
    this.arrival[i] = arrival;
    this.duration[i] = duration;
    this.cpu[i] = cpu;
    this.mem[i] = mem;
    this.cls[i] = classId;
  }

  addTable(t: PodTable): void {
    const map = t.classNames.map((name) => this.classId(name));
    for (let i = 0; i < t.count; i++) this.add(t.arrival[i], t.duration[i], t.cpu[i], t.mem[i], map[t.cls[i]], t.fixedEnd?.[i] === 1);
  }

  /**
   * Makes room for `capacity` pods in one step, for a reader that knows about how many are
   * coming (the trace fast path, from the file size): no doubling and copying on the way there.
   */
  reserve(capacity: number): void {
    if (capacity > this.arrival.length) this.grow(capacity);
  }

  private grow(capacity = this.arrival.length * 2): void {
    const cap = capacity;
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.arrival = g64(this.arrival);
    this.duration = g64(this.duration);
    this.cpu = g64(this.cpu);
    this.mem = g64(this.mem);
    const c = new Uint16Array(cap);
    c.set(this.cls);
    this.cls = c;
    const f = new Uint8Array(cap);
    f.set(this.fixedEnd);
    this.fixedEnd = f;
  }

  /**
   * `shared`: the table's arrays live in SharedArrayBuffers, so threads can read them as they
   * are (the CLI's strategy workers) instead of from a copy made after the build.
   */
  finish(shared = false): PodTable {
    const n = this.n;
    let sorted = true;
    for (let i = 1; i < n; i++) {
      if (this.arrival[i] < this.arrival[i - 1]) {
        sorted = false;
        break;
      }
    }
    const classNames = this.classNames.length ? this.classNames.slice() : ['default'];
    const f64 = (): Float64Array => (shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n));
    if (sorted) {
      const head = <T extends Float64Array | Uint16Array | Uint8Array>(a: T, empty: T): T => {
        if (!shared) return a.slice(0, n) as T;
        empty.set(a.subarray(0, n));
        return empty;
      };
      return {
        count: n,
        arrival: head(this.arrival, f64()),
        duration: head(this.duration, f64()),
        cpu: head(this.cpu, f64()),
        mem: head(this.mem, f64()),
        cls: head(this.cls, shared ? new Uint16Array(new SharedArrayBuffer(2 * n)) : new Uint16Array(0)),
        classNames,
        ...(this.anyFixedEnd ? { fixedEnd: head(this.fixedEnd, shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(0)) } : {}),
      };
    }
    // Stable sort by arrival through an index permutation (ties keep insertion order).
    const order = arrivalOrder(this.arrival, n);
    const a = this.arrival;
    const out: PodTable = {
      count: n,
      arrival: f64(),
      duration: f64(),
      cpu: f64(),
      mem: f64(),
      cls: shared ? new Uint16Array(new SharedArrayBuffer(2 * n)) : new Uint16Array(n),
      classNames,
      ...(this.anyFixedEnd ? { fixedEnd: shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n) } : {}),
    };
    for (let k = 0; k < n; k++) {
      const i = order[k];
      out.arrival[k] = a[i];
      out.duration[k] = this.duration[i];
      out.cpu[k] = this.cpu[i];
      out.mem[k] = this.mem[i];
      out.cls[k] = this.cls[i];
      if (out.fixedEnd) out.fixedEnd[k] = this.fixedEnd[i];
    }
    return out;
  }
}
