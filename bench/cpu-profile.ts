// A CPU profile of this process (the server) while the load runs, through the inspector: the ten
// functions with the most time of their own, to find where a request's time goes before changing it.
import { Session } from "node:inspector/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

/** Starts profiling; the returned function stops and gives the top `n` functions by self time. */
export async function startCpuProfile(): Promise<(n?: number) => Promise<HotFunction[]>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return async (n = 10) => {
    const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
    session.disconnect();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<string, { name: string; where: string; us: number }>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const dt = profile.timeDeltas[i] ?? 0;
      if (!node) return;
      total += dt;
      const f = node.callFrame;
      const where = f.url ? `${f.url.replace(/^file:\/\/.*?\/(node_modules|src|bots|flows|bench)\//, "$1/")}:${f.lineNumber + 1}` : "(native)";
      const key = `${f.functionName}@${where}`;
      const entry = self.get(key) ?? { name: f.functionName || "(anonymous)", where, us: 0 };
      entry.us += dt;
      self.set(key, entry);
    });
    if (process.env.BENCH_INCLUSIVE) {
      const parent = new Map<number, number>();
      for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
      const incl = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const seen = new Set<string>();
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const f = byId.get(cur)?.callFrame;
          if (!f?.functionName) continue;
          const key = `${f.functionName} ${f.url.split("/").slice(-2).join("/")}`;
          if (seen.has(key)) continue;
          seen.add(key);
          incl.set(key, (incl.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
        }
      });
      console.error([...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 70).map(([k, us]) => `${((100 * us) / (total || 1)).toFixed(1)}% ${k}`).join("\n"));
    }
    if (process.env.BENCH_AREAS) {
      const areas = new Map<string, number>();
      for (const e of self.values()) {
        const area = /^(node_modules\/[^/]+|src\/[^/]+|bots|flows\/[^/]+|bench)/.exec(e.where)?.[1] ?? (e.where.startsWith("node:") ? "node:" + e.where.split("/")[1] : e.name.startsWith("(") ? e.name : "native");
        areas.set(area, (areas.get(area) ?? 0) + e.us);
      }
      console.error([...areas.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([a, us]) => `${((100 * us) / total).toFixed(1)}% ${a}`).join("\n"));
    }
    return [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, n)
      .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: total ? (100 * e.us) / total : 0 }));
  };
}
