// `npm run admin -- password [--user admin]`: sets a dashboard account's password on the server's
// database (DATABASE_PATH, as `npm start` uses it). The new password is typed twice without echo
// on a terminal, or read from the first line of a pipe (`printf '%s\n' "$PW" | npm run admin -- password`);
// it is never printed. Every session of the account ends. The server may keep running meanwhile.
import { fileURLToPath } from "node:url";
import { configSchema } from "../src/config";
import { migrateToLatest } from "../src/db/migrate";
import { openSqlite, readMigrationFiles } from "../src/db/sqlite";
import { ensureOperator } from "../src/domain/auth/accounts";
import { checkNewPassword, MIN_PASSWORD_LENGTH, setAccountPassword } from "../src/domain/auth/password-change";

const USAGE = "usage: npm run admin -- password [--user <username>]   (the new password from the terminal, or the first line of stdin)";

function stop(line: string, code: number): never {
  console.error(line);
  process.exit(code);
}

function readArgs(argv: readonly string[]): { command: "password"; user: string } | undefined {
  const words = argv.filter((a) => a !== "--");
  let user = "admin";
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i] ?? "";
    if (a === "--user") user = words[++i] ?? "";
    else if (a.startsWith("--user=")) user = a.slice("--user=".length);
    else rest.push(a);
  }
  return rest.length === 1 && rest[0] === "password" && user ? { command: "password", user } : undefined;
}

/** One line typed on the terminal, not echoed (raw mode: backspace edits, Ctrl-C cancels). */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          return resolve(chars.join(""));
        }
        if (ch === "\u0003") {
          finish();
          return reject(new Error("cancelled"));
        }
        if (ch === "\u007f" || ch === "\b") chars = chars.slice(0, -1);
        else if (ch === "\u0015") chars = [];
        else if (ch >= " ") chars.push(ch);
      }
    };
    stdin.on("data", onData);
  });
}

/** The first line of a pipe (a trailing CR or LF is not part of the password). */
async function readPiped(): Promise<string> {
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) {
    text += chunk as string;
    if (text.includes("\n") || text.length > 4096) break;
  }
  return (text.split("\n")[0] ?? "").replace(/\r$/, "");
}

async function newPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const piped = await readPiped();
    const checked = checkNewPassword(piped.normalize("NFC"));
    if (!checked.ok) stop(checked.reason === "too_short" ? `admin: the password needs at least ${MIN_PASSWORD_LENGTH} characters` : `admin: the password is too long`, 2);
    return checked.value;
  }
  // Typed text is NFC, as browsers send form fields, so a Vietnamese password typed here logs in there.
  const first = (await readHidden(`New password (at least ${MIN_PASSWORD_LENGTH} characters): `)).normalize("NFC");
  const again = (await readHidden("Again: ")).normalize("NFC");
  const checked = checkNewPassword(first, again);
  if (!checked.ok) stop(checked.reason === "mismatch" ? "admin: the two passwords differ; nothing changed" : checked.reason === "too_short" ? `admin: the password needs at least ${MIN_PASSWORD_LENGTH} characters; nothing changed` : "admin: the password is too long; nothing changed", 2);
  return checked.value;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (!args) stop(USAGE, 2);
  const env = configSchema.pick({ DATABASE_PATH: true }).safeParse(process.env);
  if (!env.success) stop(env.error.issues.map((i) => `admin: ${String(i.path[0] ?? "environment")}: ${i.message}`).join("\n"), 1);
  const path = env.data.DATABASE_PATH;
  if (path === ":memory:") stop("admin: DATABASE_PATH is :memory: — there is no database on disk to change", 1);
  const password = await newPassword();

  // Migrated as `npm start` would, so this works before the first start and after an upgrade alike.
  const sqlite = openSqlite(path);
  try {
    const report = await migrateToLatest(sqlite.migrationTarget, readMigrationFiles(fileURLToPath(new URL("../migrations", import.meta.url))));
    if (report.error) stop(`admin: migration ${report.error.name} failed: ${report.error.message}`, 1);
    const account = await sqlite.store.db.selectFrom("dashboard_users").select(["id", "password_hash", "password_from_env"]).where("username", "=", args.user).executeTakeFirst();
    if (!account && args.user === "admin") {
      await ensureOperator(sqlite.store, password, new Date());
      await sqlite.store.db.updateTable("dashboard_users").set({ password_from_env: 0 }).where("username", "=", "admin").execute();
      console.log(`admin: account "admin" created with the new password (${path})`);
    } else if (!account) {
      stop(`admin: no dashboard account "${args.user}" in ${path}`, 2);
    } else if (!account.password_hash) {
      stop(`admin: "${args.user}" is a staff account that logs in by link (/login to the bot); it has no password`, 2);
    } else {
      const ended = await setAccountPassword(sqlite.store, account.id, password);
      console.log(`admin: password of "${args.user}" changed (${path}); ${ended} session(s) logged out`);
    }
    if (account?.password_from_env) console.error("admin: note: the server was last started with ADMIN_PASSWORD; while it is set, every start sets that password again (remove it, or change it there)");
  } finally {
    await sqlite.close();
  }
}

main().catch((error: unknown) => {
  console.error(`admin failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
