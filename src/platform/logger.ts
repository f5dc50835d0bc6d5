/** Structured logging. Lines are JSON; secrets are masked before anything is written. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Bot tokens look like 123456:ABC…; they also travel inside API URLs (/bot<token>/…), where a
// word boundary does not fall between "bot" and the digits: the pattern needs none.
const TOKEN_PATTERN = /(?<!\d)\d{5,}:[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g;

/** Removes bot tokens and every known secret value from a log line. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_PATTERN, "[token]");
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join("[secret]");
  return out;
}

function describe(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** A logger writing one JSON line per entry through `write` (console by default). */
export function createLogger(opts: {
  level?: Level;
  secrets?: readonly string[];
  write?: (line: string) => void;
  base?: Record<string, unknown>;
}): Logger {
  const min = ORDER[opts.level ?? "info"];
  const write = opts.write ?? ((line: string) => console.log(line));
  const secrets = opts.secrets ?? [];
  const make = (base: Record<string, unknown>): Logger => {
    const log = (level: Level, msg: string, fields?: Record<string, unknown>) => {
      if (ORDER[level] < min) return;
      const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...base };
      for (const [k, v] of Object.entries(fields ?? {})) entry[k] = describe(v);
      write(maskSecrets(JSON.stringify(entry), secrets));
    };
    return {
      debug: (m, f) => log("debug", m, f),
      info: (m, f) => log("info", m, f),
      warn: (m, f) => log("warn", m, f),
      error: (m, f) => log("error", m, f),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(opts.base ?? {});
}

/** A logger that keeps its lines in memory, for tests. */
export function memoryLogger(secrets: readonly string[] = []): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ level: "debug", secrets, write: (l) => lines.push(l) }), { lines });
}
