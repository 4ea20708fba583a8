"""The Dragoman domain glossary: a standalone termbase library (entries, file formats, matcher, store,
validation and maintenance). It imports nothing from ``translate``; the basics both packages use live
here: ``errors``, ``io`` (atomic writes, size-limited reading, spreadsheet cells), ``text`` (Arabic-script
characters, Tajik look-alikes, language id), ``languages`` and ``protocols``."""
