/** A tiny benchmark harness: warm-up, repeated timed runs, the median and the spread. */
export interface BenchResult {
  name: string;
  /** Median operations per second over the runs. */
  opsPerSecond: number;
  minOpsPerSecond: number;
  maxOpsPerSecond: number;
  runs: number;
  opsPerRun: number;
}

export function measure(name: string, opsPerRun: number, run: () => void, runs = 7): BenchResult {
  run(); // warm-up: lets the JIT compile the hot path
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(opsPerRun / seconds);
  }
  rates.sort((a, b) => a - b);
  return {
    name,
    opsPerSecond: rates[Math.floor(rates.length / 2)] as number,
    minOpsPerSecond: rates[0] as number,
    maxOpsPerSecond: rates[rates.length - 1] as number,
    runs,
    opsPerRun,
  };
}

export function formatRate(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function printResults(title: string, results: BenchResult[]): void {
  console.log(`\n### ${title}\n`);
  console.log('| benchmark | median ops/s | min | max | ops per run × runs |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${formatRate(r.opsPerSecond)} | ${formatRate(r.minOpsPerSecond)} | ${formatRate(r.maxOpsPerSecond)} | ${r.opsPerRun} × ${r.runs} |`,
    );
  }
}
