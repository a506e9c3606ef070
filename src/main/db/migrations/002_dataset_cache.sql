-- 002: datasets are stored as a columnar cache file (ml/io/frame-cache.ts) beside the database;
-- `stored_path` points at it (older rows keep pointing at their stored CSV copy). The cache's own
-- checksum is kept to tell a damaged file from a good one, and the notes say how the file was read.
ALTER TABLE datasets ADD COLUMN cache_checksum TEXT;
ALTER TABLE datasets ADD COLUMN notes_json TEXT NOT NULL DEFAULT '[]';
