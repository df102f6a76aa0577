-- Proposed fix for the customer search's slow tail (see bench/results/*-crm/README.md): tell the planner what a
-- pg_trgm comparison costs per row, so `email %> …` uses the trigram index instead of scanning every customer.
alter function similarity_op(text, text) cost 100;
alter function word_similarity_op(text, text) cost 100;
alter function word_similarity_commutator_op(text, text) cost 100;
-- `email like 'prefix%'` reads a btree range instead of scanning the table.
create index if not exists customers_email_prefix_idx on customers (email text_pattern_ops) where merged_into_id is null and erased_at is null;
analyze customers;
