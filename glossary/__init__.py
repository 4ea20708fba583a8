"""The Dragoman domain glossary: entries, file formats, matcher and maintenance."""
