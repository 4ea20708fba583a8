"""Run by the interop tests with translate-toolkit's own interpreter (``.venv-interop``), never with
Dragoman's: both packages are called ``translate``. Reads or writes one file with translate-toolkit
and prints JSON.

    ttk_probe.py read tbx|tmx|xliff|xliff2 PATH      -> [{"id", "source", "target", ...}, ...]
    ttk_probe.py write-tbx OUT   (stdin: [{"en": ..., "fa": ...}, ...])
    ttk_probe.py write-tmx OUT   (stdin: [{"fa": ..., "en": ...}, ...])
    ttk_probe.py edit-xliff IN OUT UNIT_ID NEW_TARGET
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def read(kind: str, path: str) -> list[dict]:
    data = Path(path).read_bytes()
    if kind == "tbx":
        from translate.storage.tbx import tbxfile

        store = tbxfile.parsestring(data, sourcelanguage="en")
        return [
            {
                "id": unit.xmlelement.get("id"),
                "en": [t.text for t in unit.get_source_terms()],
                "fa": [t.text for t in unit.get_target_terms("fa")],
                "ar": [t.text for t in unit.get_target_terms("ar")],
                "deprecated": [t.text for t in unit.get_source_terms() if t.deprecated],
            }
            for unit in store.units
        ]
    if kind == "tmx":
        from translate.storage.tmx import tmxfile

        store = tmxfile.parsestring(data)
    elif kind == "xliff":
        from translate.storage.xliff import xlifffile

        store = xlifffile.parsestring(data)
    elif kind == "xliff2":
        from translate.storage.xliff2 import Xliff2File

        store = Xliff2File.parsestring(data)
    else:
        raise SystemExit(f"unknown kind {kind}")
    return [{"id": u.getid(), "source": str(u.source), "target": str(u.target or "")} for u in store.units]


def main() -> None:
    command = sys.argv[1]
    if command == "read":
        print(json.dumps(read(sys.argv[2], sys.argv[3]), ensure_ascii=False))
    elif command == "write-tbx":
        from translate.storage.tbx import tbxfile

        store = tbxfile(sourcelanguage="en", targetlanguage="fa")
        for item in json.load(sys.stdin):
            unit = store.addsourceunit(item["en"])
            unit.settarget(item["fa"])
        Path(sys.argv[2]).write_bytes(bytes(store))
    elif command == "write-tmx":
        from translate.storage.tmx import tmxfile

        store = tmxfile(sourcelanguage="fa", targetlanguage="en")
        for item in json.load(sys.stdin):
            store.addtranslation(item["fa"], "fa", item["en"], "en")
        Path(sys.argv[2]).write_bytes(bytes(store))
    elif command == "edit-xliff":
        data = Path(sys.argv[2]).read_bytes()
        if b'version="2.' in data[:400]:
            from translate.storage.xliff2 import Xliff2File as store_class
        else:
            from translate.storage.xliff import xlifffile as store_class
        store = store_class.parsestring(data)
        unit = next(u for u in store.units if u.getid().endswith(sys.argv[4]))
        unit.settarget(sys.argv[5])
        Path(sys.argv[3]).write_bytes(bytes(store))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
