// `npm run bench [name…]`: runs the benchmarks and prints their figures with the same-run baselines.
import { benchBroadcastFanout } from "./broadcast-fanout";

type Bench = { name: string; run: () => Promise<Record<string, string | number>> };

const fmt = (n: number, digits = 2) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

const BENCHES: Bench[] = [
  {
    name: "broadcast",
    run: async () => {
      const groups = Number(process.env.BENCH_GROUPS ?? 1000);
      const r = await benchBroadcastFanout(groups);
      return {
        "groups": r.groups,
        "seconds": fmt(r.seconds),
        "floor (limits) s": fmt(r.floorSeconds),
        "ratio to floor": fmt(r.ratio),
        "delivered": r.delivered,
        "posted twice": r.duplicates,
        "429s from fake": r.limitHits,
      };
    },
  },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name));
  if (selected.length === 0) {
    console.error(`unknown benchmark; choose from: ${BENCHES.map((b) => b.name).join(", ")}`);
    process.exit(2);
  }
  for (const bench of selected) {
    console.log(`\n== ${bench.name}`);
    const figures = await bench.run();
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
  }
}

void main();
