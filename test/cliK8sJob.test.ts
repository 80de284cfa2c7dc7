import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, spillway } from './builtCli.ts';
import { burstAtTenPast } from './burstAtTenPast.ts';

const dir = mkdtempSync(join(tmpdir(), 'spillway-k8s-'));
const fixed = join(dir, 'fixed.json');
writeFileSync(
  fixed,
  JSON.stringify({
    schemaVersion: 1,
    name: 'Fixed pool vs flat fee',
    horizon: '10h',
    workload: [{ type: 'trace', name: 'one pod', rows: [[60, 600, 500, 512]] }],
    strategies: [
      { kind: 'nodes', name: 'pool', controlPlanePerHour: 0, nodePool: { instanceTypes: [{ name: 'server', vcpu: 8, memoryGiB: 32, pricePerHour: 0.5 }], minNodes: 1, maxNodes: 100, initialNodes: 1, autoscaler: null } },
      { kind: 'nodes', name: 'flat', controlPlanePerHour: 2, nodePool: { instanceTypes: [{ name: 'free', vcpu: 8, memoryGiB: 32, pricePerHour: 0 }], minNodes: 1, maxNodes: 1, autoscaler: null } },
    ],
  }),
);
const GRID = ['--sweep', 'strategies.0.nodePool.initialNodes=1:7:4', '--sweep', 'strategies.1.controlPlanePerHour=1:3:3'];

interface Manifests {
  configMap: ConfigMap;
  job: Job;
}

let bin: string;
beforeAll(() => {
  bin = buildCli();
}, 120_000);

function generate(args: string[]): Manifests & { stderr: string } {
  const r = spillway(bin, ['k8s-job', ...args]);
  expect(r.code, r.stderr).toBe(0);
  const list = JSON.parse(r.stdout);
  expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
  expect(list.items.map((i: { kind: string }) => i.kind)).toEqual(['ConfigMap', 'Job']);
  return { configMap: new ConfigMap(list.items[0]), job: new Job(list.items[1]), stderr: r.stderr };
}

/**
 * Runs the Job's pods as local processes, as the kubelet would: the ConfigMap's items become
 * files under the input mount, JOB_COMPLETION_INDEX is set, and $(VAR) in args expands from the env.
 * Returns each pod's stdout; mount paths map to folders under `root`.
 */
function runPods({ configMap, job }: Manifests, root: string): string[] {
  const spec = job.spec!;
  const pod = spec.template.spec!;
  const [container] = pod.containers;
  const mounts = new Map(container.volumeMounts!.map((m) => [m.mountPath, join(root, m.name)]));
  const input = pod.volumes!.find((v) => v.configMap)!;
  const inputDir = join(root, input.name);
  for (const item of input.configMap!.items!) {
    mkdirSync(dirname(join(inputDir, item.path)), { recursive: true });
    writeFileSync(join(inputDir, item.path), configMap.data![item.key]);
  }
  for (const m of mounts.values()) mkdirSync(m, { recursive: true });
  const local = (arg: string) => [...mounts].reduce((a, [mountPath, here]) => a.split(mountPath).join(here), arg);
  return Array.from({ length: spec.completions! }, (_, index) => {
    const env: NodeJS.ProcessEnv = { ...process.env, JOB_COMPLETION_INDEX: String(index) };
    const args = container.args!.map((a) => local(a.replace(/\$\((\w+)\)/g, (_m, name: string) => env[name] ?? `$(${name})`)));
    const r = spillway(bin, args, env);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  });
}

describe('spillway k8s-job', () => {
  it('prints a ConfigMap and an Indexed Job that the Kubernetes schema accepts', () => {
    const m = generate([fixed, ...GRID, '--image', 'registry.example/spillway:0.1.0', '--parallelism', '3', '--shards', '4']);
    m.configMap.validate();
    m.job.validate();
    const spec = m.job.spec!;
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.completions).toBe(4);
    expect(spec.parallelism).toBe(3);
    const c = spec.template.spec!.containers[0];
    expect(c.image).toBe('registry.example/spillway:0.1.0');
    expect(c.args!.slice(-2)).toEqual(['--shard', '$(JOB_COMPLETION_INDEX)/4']);
    expect(JSON.parse(m.configMap.data!['scenario.json']).name).toBe('Fixed pool vs flat fee');
    expect(m.stderr).toMatch(/spillway merge spillway-fixed-pool-vs-flat-fee-\*\.part\.json > spillway-fixed-pool-vs-flat-fee\.json/);
    // The validator is live: a broken manifest fails it.
    const broken = new Job({ ...m.job.toJSON(), spec: { ...spec, completions: '4' as unknown as number } });
    expect(() => broken.validate()).toThrow(/completions must be integer/);
  });

  it('its 4 pods, run locally with JOB_COMPLETION_INDEX, merge into the unsharded result', () => {
    const m = generate([fixed, ...GRID, '--image', 'spillway:test', '--parallelism', '2', '--shards', '4']);
    const logs = runPods(m, mkdtempSync(join(dir, 'pods-')));
    const parts = logs.map((log, i) => {
      const file = join(dir, `pod-${i}.part.json`);
      writeFileSync(file, log);
      return file;
    });
    const merged = spillway(bin, ['merge', ...parts]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(spillway(bin, [fixed, ...GRID, '--json']).stdout);
  });

  it('a --runs study: 3 pods, each with --runs 5 --shard i/3, merge into the unsharded --runs result', () => {
    const m = generate([fixed, '--runs', '5', '--image', 'spillway:test', '--parallelism', '3', '--shards', '3']);
    expect(m.job.spec!.completions).toBe(3);
    const args = m.job.spec!.template.spec!.containers[0].args!;
    expect(args.slice(args.indexOf('--runs'), args.indexOf('--runs') + 2)).toEqual(['--runs', '5']);
    const logs = runPods(m, mkdtempSync(join(dir, 'runs-pods-')));
    const parts = logs.map((log, i) => {
      const file = join(dir, `runs-pod-${i}.part.json`);
      writeFileSync(file, log);
      return file;
    });
    const merged = spillway(bin, ['merge', ...parts]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(spillway(bin, [fixed, '--runs', '5', '--json']).stdout);
  });

  it('a --recommend search: the Job\'s pods run its shards, and their parts merge into the unsharded --recommend --json', () => {
    // One pool whose minNodes knob has 6 coarse values (0, 8, 15, 30, 45, 60 of maxNodes 60: knobs.ts), screened with
    // 2 seeds: 12 grid replays, plus the single run: 13 units, 3 pods by default (one per parallel slot).
    const burst = join(dir, 'burst.json');
    writeFileSync(
      burst,
      JSON.stringify(burstAtTenPast),
    );
    for (const runs of [[], ['--runs', '3']]) {
      const m = generate([burst, '--recommend', ...runs, '--image', 'spillway:test', '--parallelism', '3']);
      m.configMap.validate();
      m.job.validate();
      expect(m.job.spec!.completionMode).toBe('Indexed');
      expect(m.job.spec!.completions).toBe(3);
      const args = m.job.spec!.template.spec!.containers[0].args!;
      expect(args).toEqual(['/spillway/input/scenario.json', ...runs, '--recommend', '--shard', '$(JOB_COMPLETION_INDEX)/3']);
      expect(m.stderr).toMatch(/&& spillway merge spillway-burst-at-ten-past-\*\.part\.json > spillway-burst-at-ten-past\.json$/m);
      const logs = runPods(m, mkdtempSync(join(dir, 'recommend-pods-')));
      const parts = logs.map((log, i) => {
        const file = join(dir, `recommend${runs.length ? '-runs' : ''}-pod-${i}.part.json`);
        writeFileSync(file, log);
        return file;
      });
      expect(JSON.parse(readFileSync(parts[0], 'utf8')).units.total).toBe((runs.length ? 3 : 1) + 12);
      const merged = spillway(bin, ['merge', ...parts]);
      expect(merged.code, merged.stderr).toBe(0);
      expect(merged.stdout).toBe(spillway(bin, [burst, '--recommend', ...runs, '--json']).stdout);
    }
  }, 120_000);

  it('for a --recommend search over trace files, the merge recipe names this machine\'s copy of the scenario (merge replays the refinement)', () => {
    const m = generate(['scenarios/alibaba-openb-replay.json', '--recommend', '--image', 'x', '--parallelism', '4']);
    m.job.validate();
    expect(m.stderr).toMatch(/spillway merge spillway-[a-z0-9-]+-\*\.part\.json --scenario scenarios\/alibaba-openb-replay\.json > /);
  });

  it('ships the traces a scenario names, at their relative paths, and writes parts to a named volume', () => {
    const scenario = 'scenarios/alibaba-openb-replay.json';
    const sweep = ['--sweep', 'seed=1:2:2'];
    const m = generate([scenario, ...sweep, '--image', 'spillway:test', '--parallelism', '2', '--results-claim', 'spillway-results']);
    m.job.validate();
    expect(m.job.spec!.completions).toBe(2); // one shard per variant by default
    const items = m.job.spec!.template.spec!.volumes!.find((v) => v.configMap)!.configMap!.items!;
    expect(items.map((i) => i.path)).toEqual(['scenario.json', 'traces/openb-7d.csv']);
    expect(m.configMap.data![items[1].key]).toBe(readFileSync('scenarios/traces/openb-7d.csv', 'utf8'));
    const root = mkdtempSync(join(dir, 'claim-'));
    expect(runPods(m, root).every((out) => out === '')).toBe(true);
    const merged = spillway(bin, ['merge', join(root, 'results', 'part-0.json'), join(root, 'results', 'part-1.json')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(spillway(bin, [scenario, ...sweep, '--json']).stdout);
  });

  it('passes the options that change the results on to every pod', () => {
    const m = generate([fixed, ...GRID, '--image', 'x', '--parallelism', '2', '--seed', '7', '--horizon', '36h', '--skip-bad-rows']);
    const args = m.job.spec!.template.spec!.containers[0].args!;
    expect(args).toEqual(['/spillway/input/scenario.json', ...GRID, '--seed', '7', '--skip-bad-rows', '--horizon', '36h', '--shard', '$(JOB_COMPLETION_INDEX)/12']);
  });

  it.each([
    [['--parallelism', '2'], /^error: k8s-job: --image IMAGE is required/],
    [['--image', 'x'], /^error: k8s-job: --parallelism P is required/],
    [['--image', 'x', '--parallelism', '0'], /^error: k8s-job: --parallelism "0" is not a whole number from 1 to 100000$/],
    [['--image', 'x', '--parallelism', '2', '--shards', '13'], /^error: k8s-job: --shards 13: the sweep has only 12 variants/],
    [['--image', 'x', '--parallelism', '2', '--name', 'Bad_Name'], /^error: k8s-job: --name "Bad_Name": lower-case letters/],
    [['--image', 'x', '--parallelism', '2', '--shard', '0/2'], /^error: k8s-job: --shard is set by the Job itself$/],
  ])('rejects %j with one line and exit 2', (args, message) => {
    const r = spillway(bin, ['k8s-job', fixed, ...GRID, ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
