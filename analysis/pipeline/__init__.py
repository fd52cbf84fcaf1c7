"""The analysis pipeline: mapper, workers, aggregator (in-process or on Step Functions)."""
