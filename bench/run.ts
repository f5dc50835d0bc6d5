// `npm run bench [name…]`: runs the benchmarks and prints their figures with the same-run baselines.
import { benchBroadcastFanout } from "./broadcast-fanout";
import { benchCommentBurst, BURST_CONNECTIONS } from "./comment-burst";
import type { WrkResult } from "./wrk";
import { benchCommentParser } from "./comment-parser";
import { benchD1Statements } from "./d1-statements";
import { benchGuidedOrder, benchPayments } from "./guided-and-payments";

type Bench = { name: string; run: () => Promise<Record<string, string | number>> };

const fmt = (n: number, digits = 2) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

const ms = (n: number) => `${n.toFixed(1)} ms`;

const BENCHES: Bench[] = [
  {
    name: "parser",
    run: async () => {
      const r = benchCommentParser(Number(process.env.BENCH_ROUNDS ?? 20));
      const us = (n: number) => `${(n * 1000).toFixed(1)} µs`;
      return {
        "comments (4 corpora, orders and chatter)": r.comments,
        "catalog items": r.catalog,
        "vocabulary built once in": ms(r.buildMs),
        "per comment median / p99 / max": `${us(r.medianMs)} / ${us(r.p99Ms)} / ${us(r.maxMs)}`,
        "comments/s (one core)": fmt(r.perSecond, 0),
        "read as orders": r.orders,
      };
    },
  },
  {
    name: "burst",
    run: async () => {
      const r = await benchCommentBurst({ seconds: Number(process.env.BENCH_SECONDS ?? 8), pool: Number(process.env.BENCH_POOL ?? 60_000), profile: process.env.BENCH_PROFILE !== "0" });
      const line = (w: WrkResult) => `${fmt(w.perSecond, 0)} req/s, p50 ${ms(w.p50)} / p95 ${ms(w.p95)} / p99 ${ms(w.p99)} (${w.requests} requests, ${w.non2xx + w.socketErrors} not 2xx)`;
      return {
        "load client": `wrk, 2 threads, ${BURST_CONNECTIONS} connections, both runs`,
        "baseline: one INSERT per update": line(r.baseline),
        "comment burst (70% orders, 30% of all for a 40-unit item)": line(r.burst),
        "ratio to baseline": fmt(r.ratio),
        "time in the server p50 / p99, baseline": `${ms(r.inServer.baseline[0])} / ${ms(r.inServer.baseline[1])}`,
        "time in the server p50 / p99, burst": `${ms(r.inServer.burst[0])} / ${ms(r.inServer.burst[1])}`,
        "SQL statements per update": fmt(r.statementsPerUpdate, 1),
        "server CPU per request, baseline / burst": `${r.cpuMsPerRequest.baseline.toFixed(2)} ms / ${r.cpuMsPerRequest.burst.toFixed(2)} ms`,
        "webhook → reply left outbox p50 / p99": `${ms(r.replyP50)} / ${ms(r.replyP99)}`,
        "oversold": r.oversold,
        "replies lost / duplicated": `${r.lost} / ${r.duplicated}`,
        "10% resent: new replies": r.resentChangedSomething,
        "peak RSS during the burst (one process: server, fake Bot API, the bodies)": `${r.rssMiB} MiB`,
        ...Object.fromEntries(r.hot.map((h, i) => [`cpu #${i + 1}`, `${h.percent.toFixed(1)}% ${h.name} ${h.where}`])),
      };
    },
  },
  {
    name: "guided",
    run: async () => {
      const r = await benchGuidedOrder(Number(process.env.BENCH_BUYERS ?? 200));
      return {
        "load client": "its own process, one connection per buyer, no pause between steps",
        "buyers at once": r.buyers,
        "steps (16 each)": r.steps,
        "steps/s": fmt(r.stepsPerSecond, 0),
        "per step p50 / p99": `${ms(r.p50)} / ${ms(r.p99)}`,
        "p99 of the first step / of the others": `${ms(r.firstStepP99)} / ${ms(r.laterStepsP99)}`,
        "orders placed": r.orders,
        "baseline (same client, one INSERT a step) req/s, p99": `${fmt(r.baselinePerSecond, 0)}, ${ms(r.baselineP99)}`,
        "ratio to baseline": fmt(r.stepsPerSecond / r.baselinePerSecond),
        [`with a ${r.paced.pauseMs[0]}–${r.paced.pauseMs[1]} ms pause between steps: steps/s, p50 / p99`]: `${fmt(r.paced.stepsPerSecond, 0)}, ${ms(r.paced.p50)} / ${ms(r.paced.p99)} (first step ${ms(r.paced.firstStepP99)})`,
      };
    },
  },
  {
    name: "payments",
    run: async () => {
      const r = await benchPayments(Number(process.env.BENCH_PAYMENTS ?? 1000));
      return {
        "bank webhooks (SePay)": r.count,
        "matched per second": fmt(r.perSecond, 0),
        "p99": ms(r.p99),
        "baseline req/s": fmt(r.baselinePerSecond, 0),
        "ratio to baseline": fmt(r.ratio),
        "orders paid / transactions recorded": `${r.paid} / ${r.recorded}`,
      };
    },
  },
  {
    name: "growth",
    run: async () => {
      const figures: Record<string, string> = {};
      for (const before of [1_000, 10_000, 100_000]) {
        const r = await benchCommentBurst({ seconds: Number(process.env.BENCH_SECONDS ?? 5), pool: Number(process.env.BENCH_POOL ?? 40_000), ordersBefore: before });
        figures[`${before} orders already: updates/s, p99, ratio`] = `${fmt(r.burst.perSecond, 0)}, ${ms(r.burst.p99)}, ${fmt(r.ratio)} (oversold ${r.oversold}, lost ${r.lost}, dup ${r.duplicated}, RSS ${r.rssMiB} MiB)`;
      }
      return figures;
    },
  },
  {
    name: "d1",
    run: async () => {
      const r = await benchD1Statements(Number(process.env.BENCH_D1_COMMENTS ?? 20));
      return {
        "where": "wrangler dev, local D1, one request at a time (a figure, not a target)",
        "comments": r.comments,
        "order comment: D1 statements / batches": `${fmt(r.orderComment.statements, 1)} / ${fmt(r.orderComment.batches, 1)}`,
        "chatter: D1 statements / batches": `${fmt(r.chatter.statements, 1)} / ${fmt(r.chatter.batches, 1)}`,
      };
    },
  },
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
