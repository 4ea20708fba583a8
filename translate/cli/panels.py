"""The groups ``dragoman --help`` lists its commands in, by job."""

from __future__ import annotations

TRANSLATE = "Translate"
GLOSSARY = "Glossary"
REVIEW = "Review"
EVALUATE = "Evaluate & align"
MODELS = "Models & setup"
ORDER: tuple[str, ...] = (TRANSLATE, GLOSSARY, REVIEW, EVALUATE, MODELS)
