/** A workload no pods can be built from (a bad inline row, a trace not loaded): names the field. */
export class WorkloadError extends Error {}
