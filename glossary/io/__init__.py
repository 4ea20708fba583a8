"""File basics shared by the glossary and the translator: atomic writes, size-limited reading,
spreadsheet-cell defusing. Standard library only."""
