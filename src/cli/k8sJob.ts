import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, normalize, resolve } from 'node:path';
// Types only (erased at build): the manifests are checked field by field against the Kubernetes API types.
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parseScenarioText } from '../scenario/parse.ts';
import { parseSweepArg, planSweep, SweepSpecError, type SweepSpec } from '../sweep/index.ts';
import { parseArgs } from './args.ts';
import { InputError, readText } from './loadScenarioFile.ts';
import { MAX_SHARDS } from './shard.ts';
import { coarseItems, DEFAULT_RECOMMEND_RUNS } from '../recommend/search.ts';

/**
 * `spillway k8s-job`: a Kubernetes Indexed Job whose pods each run one shard of a study, and a
 * ConfigMap with the scenario (and the trace files it names) that the pods read.
 */

export const K8S_USAGE = `usage: spillway k8s-job <scenario.json> (--sweep P=A:B:N [--sweep ...] | --runs N | --recommend [--runs N]) --image IMAGE --parallelism P
                        [--shards N] [--name NAME] [--namespace NS] [--results-claim CLAIM]
                        [--cpu 1] [--memory 2Gi] [--seed N] [--trace file.csv] [--skip-bad-rows]
                        [--horizon H] [--trace-window A:B]

  Prints a ConfigMap (the scenario and its traces, at most 1 MiB in all) and a batch/v1 Job with
  completionMode Indexed: N pods (default: one per sweep variant or run; P for --recommend), P at a
  time, pod i running \`spillway <scenario> --sweep ... --shard i/N\` (or --runs N, --recommend). Apply with \`kubectl apply -f -\`; the merge recipe
  is printed on stderr. Each pod prints its partial to its log, or with --results-claim writes
  part-<i>.json to that PersistentVolumeClaim (mounted at ${'/spillway/results'}).`;

/** Where the pods find the ConfigMap's files and the results volume. */
export const INPUT_DIR = '/spillway/input';
export const RESULTS_DIR = '/spillway/results';
/** A ConfigMap holds at most 1 MiB (etcd's object limit) including its keys and metadata: keep room. */
export const CONFIGMAP_BUDGET = 1_000_000;

export interface K8sJobOptions {
  scenarioPath: string;
  /** The --sweep arguments as given. */
  sweep: string[];
  /** --runs N: a Monte Carlo study, one unit per run. */
  runs?: number;
  /** --recommend: the search's coarse grid (and the command's own runs) split among the pods; merge finishes the search. */
  recommend?: boolean;
  image: string;
  parallelism: number;
  shards?: number;
  name?: string;
  namespace?: string;
  resultsClaim?: string;
  cpu: string;
  memory: string;
  seed?: number;
  trace?: string;
  skipBadRows: boolean;
  /** --horizon and --trace-window as given: the pods apply them the way this machine would. */
  horizon?: string;
  traceWindow?: string;
}

export interface K8sJob {
  configMap: IConfigMap;
  job: IJob;
  shards: number;
  /** One line that collects the partials and merges them. */
  mergeRecipe: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Indexed Job pods are named <job>-<index>-<5 chars> and their hostname <job>-<index> must fit 63 characters. */
const MAX_NAME = 50;
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

export function k8sJob(o: K8sJobOptions): K8sJob {
  const text = readText(o.scenarioPath, 'scenario');
  let scenario = parseScenarioText(text, o.scenarioPath);
  if (o.seed !== undefined) scenario = { ...scenario, seed: o.seed };
  if (!o.sweep.length && o.runs === undefined && !o.recommend) throw new InputError('k8s-job: nothing to split: give --sweep, --runs or --recommend (a single run is one unit; run it with spillway directly)');
  let units: number;
  if (o.recommend) {
    // The command's own runs, then the coarse grid's replays (as recommendShard.ts counts them).
    units = (o.runs ?? 1) + coarseItems(scenario, o.runs ?? DEFAULT_RECOMMEND_RUNS).length;
  } else if (o.sweep.length) {
    const plan = planSweep(scenario, o.sweep.map(parseSweepArg) as SweepSpec);
    units = plan.variants.length;
    if (!units) throw new SweepSpecError(`sweep: no valid variant (first: ${plan.invalid[0]?.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`);
  } else units = o.runs!;
  // A search's units are single replays: one pod per unit would mostly start up, so by default one pod per parallel slot.
  const shards = o.shards ?? Math.min(units, o.recommend ? o.parallelism : MAX_SHARDS);
  if (shards > units) throw new InputError(o.recommend ? `k8s-job: --shards ${shards}: the search has only ${units} units of work (its own runs and the coarse grid's replays)` : o.sweep.length ? `k8s-job: --shards ${shards}: the sweep has only ${units} variants (at most one shard per variant)` : `k8s-job: --shards ${shards}: the study has only ${units} runs (at most one shard per run)`);

  const name = o.name ?? defaultName(scenario.name);
  if (name.length > MAX_NAME || !DNS_LABEL.test(name)) throw new InputError(`k8s-job: --name "${name}": lower-case letters, digits and '-', at most ${MAX_NAME} characters, starting and ending with a letter or digit`);
  if (o.namespace !== undefined && (o.namespace.length > 63 || !DNS_LABEL.test(o.namespace))) throw new InputError(`k8s-job: --namespace "${o.namespace}": not a Kubernetes namespace name`);
  if (o.resultsClaim !== undefined && (o.resultsClaim.length > 253 || !/^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/.test(o.resultsClaim))) throw new InputError(`k8s-job: --results-claim "${o.resultsClaim}": not a PersistentVolumeClaim name`);
  for (const [flag, q] of [['--cpu', o.cpu], ['--memory', o.memory]] as const) if (!QUANTITY.test(q)) throw new InputError(`k8s-job: ${flag} "${q}": not a Kubernetes quantity (e.g. 500m, 2, 2Gi)`);

  // The ConfigMap carries the scenario file and every trace file the pods will read, at the same
  // relative paths, so the scenario's own trace paths work unchanged inside the pod.
  const files: Array<{ key: string; path: string; text: string }> = [{ key: 'scenario.json', path: 'scenario.json', text }];
  const podArgs = [`${INPUT_DIR}/scenario.json`];
  if (o.trace) {
    files.push({ key: 'trace.csv', path: 'trace.csv', text: readTraceText(o.trace, o.trace) });
    podArgs.push('--trace', `${INPUT_DIR}/trace.csv`);
  } else {
    scenario.workload.forEach((source) => {
      if (source.type !== 'trace' || !source.path || source.rows) return;
      const rel = normalize(source.path);
      if (isAbsolute(rel) || rel.startsWith('..')) throw new InputError(`${o.scenarioPath}: workload "${source.name}": trace path ${source.path} is outside the scenario's folder; k8s-job ships traces next to the scenario (or give --trace)`);
      files.push({ key: `trace-${files.length}${/\.[A-Za-z0-9]+$/.exec(rel)?.[0] ?? ''}`, path: rel, text: readTraceText(resolve(dirname(o.scenarioPath), source.path), source.path) });
    });
  }
  const size = files.reduce((s, f) => s + Buffer.byteLength(f.text) + f.key.length, 0);
  if (size > CONFIGMAP_BUDGET) {
    const biggest = files.reduce((a, b) => (Buffer.byteLength(b.text) > Buffer.byteLength(a.text) ? b : a));
    throw new InputError(`k8s-job: the scenario and its traces are ${(size / 2 ** 20).toFixed(1)} MiB, over a ConfigMap's 1 MiB (largest: ${biggest.path}); build an image with the trace in it and run spillway --shard in your own Job`);
  }
  for (const s of o.sweep) podArgs.push('--sweep', s);
  if (o.runs !== undefined) podArgs.push('--runs', String(o.runs));
  if (o.recommend) podArgs.push('--recommend');
  if (o.seed !== undefined) podArgs.push('--seed', String(o.seed));
  if (o.skipBadRows) podArgs.push('--skip-bad-rows');
  if (o.horizon !== undefined) podArgs.push('--horizon', o.horizon);
  if (o.traceWindow !== undefined) podArgs.push('--trace-window', o.traceWindow);
  podArgs.push('--shard', `$(JOB_COMPLETION_INDEX)/${shards}`);
  if (o.resultsClaim) podArgs.push('--out', `${RESULTS_DIR}/part-$(JOB_COMPLETION_INDEX).json`);

  const labels = { 'app.kubernetes.io/name': 'spillway', 'app.kubernetes.io/instance': name };
  const metadata = (n: string) => ({ name: n, ...(o.namespace ? { namespace: o.namespace } : {}), labels });
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(`${name}-input`),
    data: Object.fromEntries(files.map((f) => [f.key, f.text])),
  };
  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(name),
    spec: {
      completionMode: 'Indexed',
      completions: shards,
      parallelism: Math.min(o.parallelism, shards),
      // A pod lost with its node is retried; bad input (exit 2) is the same in every pod: stop at once.
      backoffLimit: Math.max(6, 2 * shards),
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'spillway', operator: 'In', values: [2] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'spillway',
              image: o.image,
              args: podArgs,
              // Set by the Job controller too; declared so that $(JOB_COMPLETION_INDEX) in args always expands.
              env: [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }],
              resources: { requests: { cpu: o.cpu, memory: o.memory }, limits: { memory: o.memory } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                { name: 'input', mountPath: INPUT_DIR, readOnly: true },
                ...(o.resultsClaim ? [{ name: 'results', mountPath: RESULTS_DIR }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'input', configMap: { name: `${name}-input`, items: files.map((f) => ({ key: f.key, path: f.path })) } },
            ...(o.resultsClaim ? [{ name: 'results', persistentVolumeClaim: { claimName: o.resultsClaim } }] : []),
          ],
        },
      },
    },
  };
  const ns = o.namespace ? ` -n ${o.namespace}` : '';
  // merge finishes a search by replaying its refinement: with trace files it reads this machine's copies.
  const readsFiles = o.recommend && files.length > 1;
  const mergeInputs = readsFiles ? ` --scenario ${o.scenarioPath}${o.trace ? ` --trace ${o.trace}` : ''}` : '';
  const mergeRecipe = o.resultsClaim
    ? `kubectl wait${ns} --for=condition=complete --timeout=24h job/${name} && spillway merge part-*.json${mergeInputs} > ${name}.json   # in ${RESULTS_DIR} of any pod that mounts the claim ${o.resultsClaim}`
    : `kubectl wait${ns} --for=condition=complete --timeout=24h job/${name} && for p in $(kubectl get pods${ns} -l job-name=${name} --field-selector=status.phase=Succeeded -o name); do kubectl logs${ns} "$p" > "\${p#pod/}.part.json"; done && spillway merge ${name}-*.part.json${mergeInputs} > ${name}.json`;
  return { configMap, job, shards, mergeRecipe };
}

/** `spillway-<scenario name as a DNS label>`, short enough for Indexed Job pod hostnames. */
export function defaultName(scenarioName: string): string {
  const slug = scenarioName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `spillway-${slug}`.slice(0, MAX_NAME).replace(/-+$/, '');
}

function readTraceText(file: string, shown: string): string {
  const text = readText(file, 'trace');
  if (statSync(file).size !== Buffer.byteLength(text)) throw new InputError(`${shown}: not UTF-8 text; a ConfigMap carries text traces only`);
  return text;
}

/** `spillway k8s-job ...`: the manifests (a v1 List, for `kubectl apply -f -`) on stdout, the recipe on stderr. */
export function runK8sJob(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(K8S_USAGE);
    return 0;
  }
  const own: Record<string, string> = {};
  const rest: string[] = [];
  const OWN = ['--image', '--parallelism', '--shards', '--name', '--namespace', '--results-claim', '--cpu', '--memory'];
  for (let i = 0; i < argv.length; i++) {
    if (!OWN.includes(argv[i])) {
      rest.push(argv[i]);
      continue;
    }
    const v = argv[++i];
    if (v === undefined || v.startsWith('--')) throw new InputError(`k8s-job: ${argv[i - 1]} needs a value`);
    own[argv[i - 1]] = v;
  }
  const args = parseArgs(rest);
  for (const flag of ['--shard', '--out', '--json'] as const) if (rest.includes(flag)) throw new InputError(`k8s-job: ${flag} is set by the Job itself`);
  if (!args.scenario) throw new InputError('k8s-job: give a scenario file (spillway k8s-job <scenario.json> --sweep ... --image IMAGE --parallelism P)');
  if (!own['--image']) throw new InputError('k8s-job: --image IMAGE is required (an image built from the Dockerfile, pushed where the cluster can pull it)');
  const whole = (flag: string, v: string | undefined, max: number) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new InputError(`k8s-job: ${flag} "${v}" is not a whole number from 1 to ${max}`);
    return Number(v);
  };
  const parallelism = whole('--parallelism', own['--parallelism'], MAX_SHARDS);
  if (parallelism === undefined) throw new InputError('k8s-job: --parallelism P is required (how many pods run at once)');
  const built = k8sJob({
    scenarioPath: args.scenario,
    sweep: args.sweep,
    runs: args.runs,
    recommend: args.recommend,
    image: own['--image'],
    parallelism,
    shards: whole('--shards', own['--shards'], MAX_SHARDS),
    name: own['--name'],
    namespace: own['--namespace'],
    resultsClaim: own['--results-claim'],
    cpu: own['--cpu'] ?? '1',
    memory: own['--memory'] ?? '2Gi',
    seed: args.seed,
    trace: args.trace,
    skipBadRows: args.skipBadRows,
    horizon: args.horizon === undefined ? undefined : rest[rest.lastIndexOf('--horizon') + 1],
    traceWindow: args.traceWindow === undefined ? undefined : rest[rest.lastIndexOf('--trace-window') + 1],
  });
  console.log(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [built.configMap, built.job] }, null, 2));
  console.error(`# ${built.shards} shards of ${basename(args.scenario)}, ${Math.min(parallelism, built.shards)} at a time. Apply: spillway k8s-job ... | kubectl apply -f -`);
  console.error(`# then merge: ${built.mergeRecipe}`);
  return 0;
}
