"""Reading articles from files, folders, globs, stdin and JSONL; writing JSONL, CSV and Parquet."""
