CREATE TABLE "customer_name_words" (
	"word" text PRIMARY KEY NOT NULL,
	"occurrences" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "customer_name_words_trgm_idx" ON "customer_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_name_words_unused_idx" ON "customer_name_words" USING btree ("word") WHERE "customer_name_words"."occurrences" <= 0;--> statement-breakpoint
CREATE INDEX "customers_name_words_idx" ON "customers" USING gin (regexp_split_to_array(lower("name"), '\s+')) WHERE "customers"."merged_into_id" is null and "customers"."erased_at" is null;--> statement-breakpoint
CREATE INDEX "customers_phone_digits_reverse_idx" ON "customers" USING btree (reverse("phone_digits") text_pattern_ops) WHERE "customers"."merged_into_id" is null and "customers"."erased_at" is null;--> statement-breakpoint
-- Written by hand below (drizzle-kit does not model functions or triggers): customer_name_words follows every change to
-- customers.name. Inserts are counted per statement (an import's batch is one upsert); renames and deletes per row,
-- and only when a name changes. A word no name holds any more is deleted at once.
CREATE FUNCTION customer_name_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_name_words AS v (word, occurrences)
  SELECT w, count(*) FROM added a, regexp_split_to_table(lower(a.name), '\s+') w
  WHERE a.name IS NOT NULL AND w <> '' GROUP BY w
  ON CONFLICT (word) DO UPDATE SET occurrences = v.occurrences + excluded.occurrences;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION customer_name_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- OLD is null for an insert and NEW for a delete: their words count for nothing.
  INSERT INTO customer_name_words AS v (word, occurrences)
  SELECT w, sum(d) FROM (
    SELECT w, 1 AS d FROM regexp_split_to_table(lower(NEW.name), '\s+') w
    UNION ALL
    SELECT w, -1 FROM regexp_split_to_table(lower(OLD.name), '\s+') w
  ) x WHERE w <> '' GROUP BY w HAVING sum(d) <> 0
  ON CONFLICT (word) DO UPDATE SET occurrences = v.occurrences + excluded.occurrences;
  DELETE FROM customer_name_words WHERE occurrences <= 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION customer_name_words_cleared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE customer_name_words;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER customers_name_words_insert AFTER INSERT ON customers REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_added();--> statement-breakpoint
CREATE TRIGGER customers_name_words_update AFTER UPDATE OF name ON customers
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION customer_name_words_changed();--> statement-breakpoint
CREATE TRIGGER customers_name_words_delete AFTER DELETE ON customers
  FOR EACH ROW WHEN (OLD.name IS NOT NULL) EXECUTE FUNCTION customer_name_words_changed();--> statement-breakpoint
CREATE TRIGGER customers_name_words_truncate AFTER TRUNCATE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_cleared();--> statement-breakpoint
INSERT INTO customer_name_words (word, occurrences)
SELECT w, count(*) FROM customers c, regexp_split_to_table(lower(c.name), '\s+') w
WHERE c.name IS NOT NULL AND w <> '' GROUP BY w;
