// @ts-check
/**
 * The PostgreSQL extensions every embedded database loads (the server thread, the data-dir preparation and backups'
 * restore check): pg_trgm for the CRM's typo-tolerant search (trigram indexes on names, emails, phone digits and company
 * names), fuzzystrmatch for the edit distance that corrects short misspelt name words trigrams cannot ("bsoe" → "bose").
 * Plain JavaScript: the worker threads import it without the TypeScript loader.
 */
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** The extensions option for `new PGlite(…)`. */
export const pgliteExtensions = { pg_trgm, fuzzystrmatch };
