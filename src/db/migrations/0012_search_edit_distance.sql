-- fuzzystrmatch's edit distance corrects the short misspelt name words trigrams cannot ("bsoe" → "bose" share one
-- trigram of nine), see correctNameWords in src/modules/customers/search.repo.ts. A trusted extension: no superuser needed.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
