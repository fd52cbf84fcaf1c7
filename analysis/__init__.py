"""Cost analysis: domain, sources, checks and the pipeline."""
