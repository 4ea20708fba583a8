"""The Dragoman version, in a module of its own so that writers can stamp files without importing
the package root (which offers the ``Translator`` front door)."""

__version__ = "0.1.0"
