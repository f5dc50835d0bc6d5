// The load generator, in its own process so it does not take the server's CPU: reads a job from a
// JSON file (url, bodies, headers, concurrency), POSTs every body, prints the durations as JSON.
import { readFileSync } from "node:fs";
import { pool } from "./harness";

interface Job {
  url: string;
  bodies: string[];
  headers: Record<string, string>;
  concurrency: number;
}

const job = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Job;
const started = performance.now();
const times = await pool(
  job.bodies.map((body) => async () => {
    const res = await fetch(job.url, { method: "POST", headers: { "content-type": "application/json", ...job.headers }, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${job.url} answered ${res.status}`);
  }),
  job.concurrency,
);
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, times }));
