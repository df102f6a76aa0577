/** Types of pglite-extensions.js (plain JavaScript, as the worker threads import it). */
import type { Extension } from "@electric-sql/pglite";

/** The extensions option for `new PGlite(…)`: pg_trgm and fuzzystrmatch. */
export declare const pgliteExtensions: { pg_trgm: Extension; fuzzystrmatch: Extension };
