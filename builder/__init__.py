"""Turn raw news dumps into annotated, versioned NLP datasets for stance and claim research."""

__version__ = "0.33.0"
