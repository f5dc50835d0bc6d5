/**
 * Splits a migration script into statements: line comments dropped, split at a `;` that ends a
 * line. Our migrations keep to that shape (no triggers, no `;` inside strings); D1's batch needs
 * one statement per call, and D1's exec() reads each line as a statement.
 */
export function splitSqlStatements(script: string): string[] {
  const withoutComments = script
    .split("\n")
    .map((line) => line.replace(/--.*$/, ""))
    .join("\n");
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
