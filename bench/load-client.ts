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
// A resent update that arrives while its first delivery is still being handled is answered 503
// "try again" (the server must not act on it twice, nor drop it): Telegram retries such an answer,
// and so does this client, at once (the bench measures the server, not Telegram's back-off).
const MAX_RETRIES = 20;
let retried = 0;
const started = performance.now();
const times = await pool(
  job.bodies.map((body) => async () => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(job.url, { method: "POST", headers: { "content-type": "application/json", ...job.headers }, body });
      await res.arrayBuffer();
      if (res.status === 200) return;
      if (res.status !== 503 || attempt >= MAX_RETRIES) throw new Error(`${job.url} answered ${res.status}`);
      retried++;
      await new Promise((r) => setTimeout(r, 5));
    }
  }),
  job.concurrency,
);
process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, times, retried }));
