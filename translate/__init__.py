"""Dragoman: Persian/Arabic to English translation with an enforced glossary."""

from translate.package_check import check_folder

__version__ = "0.1.0"
IS_DRAGOMAN = True  # translate-toolkit's package has the same name; see translate/package_check.py

check_folder(__path__[0])
