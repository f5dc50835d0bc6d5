/**
 * Splits a migration script into statements: line comments dropped, split at a `;` that ends a
 * line, except inside a trigger's BEGIN … END (its statements end lines too). Our migrations keep
 * to that shape (no `;` inside strings); D1's batch needs one statement per call.
 */
export function splitSqlStatements(script: string): string[] {
  const withoutComments = script
    .split("\n")
    .map((line) => line.replace(/--.*$/, ""))
    .join("\n");
  const pieces = withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const statements: string[] = [];
  let trigger: string | undefined;
  for (const piece of pieces) {
    if (trigger !== undefined) trigger = `${trigger};\n${piece}`;
    else if (/^CREATE\s+TRIGGER\b/i.test(piece)) trigger = piece;
    else {
      statements.push(piece);
      continue;
    }
    if (/\bEND$/i.test(trigger)) {
      statements.push(trigger);
      trigger = undefined;
    }
  }
  if (trigger !== undefined) statements.push(trigger);
  return statements;
}
