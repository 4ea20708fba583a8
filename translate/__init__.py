"""Dragoman: Persian/Arabic to English translation with an enforced glossary."""

__version__ = "0.1.0"
