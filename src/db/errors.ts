/** Recognising PostgreSQL's errors, whether Drizzle wraps the driver's error or not. */

/** PostgreSQL's foreign_key_violation, on a constraint naming `column` when one is given. */
export function isForeignKeyViolation(error: unknown, column?: string): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === "23503") return column === undefined || typeof constraint !== "string" || constraint.includes(column);
  }
  return false;
}

/** PostgreSQL's unique_violation (a unique index or constraint refused the row). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
