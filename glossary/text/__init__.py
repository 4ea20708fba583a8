"""Text basics shared by the glossary and the translator: Arabic-script character tables, Tajik
look-alike letters, Persian/Arabic/English language identification. Standard library only."""
