"""Ingest: raw dumps (page text, HTML, WARC, scraper JSONL) into validated, enriched `Document` records."""
