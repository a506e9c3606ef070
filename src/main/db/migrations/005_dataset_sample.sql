-- 005: a dataset may be a seeded uniform random sample of its file's rows (what the window
-- offers for a file over the memory budget): how many rows it kept, of how many, drawn with which
-- seed. All three NULL for a dataset of the whole file. Re-importing the same file with the same
-- sample finds the dataset again; the whole file and other samples are other datasets.

ALTER TABLE datasets ADD COLUMN sample_rows INTEGER CHECK (sample_rows IS NULL OR sample_rows > 0);
ALTER TABLE datasets ADD COLUMN sample_of INTEGER CHECK (sample_of IS NULL OR sample_of >= sample_rows);
ALTER TABLE datasets ADD COLUMN sample_seed INTEGER;
