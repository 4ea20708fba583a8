"""Scoring translations: sacrebleu metrics, terminology accuracy, and the seed reference set."""
