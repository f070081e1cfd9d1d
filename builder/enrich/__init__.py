"""Enrichment: pure functions from a document's clean text to spans (sentences, quotes, claims, targets)."""
