"""Developer tool for the Qt Linguist files in resources/i18n.

    python tools/ts_fill.py resources/i18n/members_zh_CN.ts --list      # untranslated sources, as JSON
    python tools/ts_fill.py resources/i18n/members_zh_CN.ts --apply t.json   # fill from {source: text}

The .ts files stay the source of truth (Qt Linguist can edit them too); this only fills the
translations of messages that have none yet, for every context where the source appears.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def unfinished(root: ET.Element) -> list[str]:
    out: list[str] = []
    for msg in root.iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source") or ""
        if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip():
            if src not in out:
                out.append(src)
    return out


def apply(root: ET.Element, table: dict[str, str]) -> int:
    filled = 0
    for msg in root.iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None or src not in table:
            continue
        if tr.get("type") == "unfinished" or not (tr.text or "").strip():
            tr.text = table[src]
            tr.attrib.pop("type", None)
            filled += 1
    return filled


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ts", type=Path)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--list", action="store_true")
    group.add_argument("--apply", type=Path)
    args = parser.parse_args(argv)
    tree = ET.parse(args.ts)
    root = tree.getroot()
    if args.list:
        json.dump(unfinished(root), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    table = json.loads(args.apply.read_text("utf-8"))
    n = apply(root, table)
    body = ET.tostring(root, encoding="unicode")
    # Escape quotes in text as lupdate does, so the two tools do not fight over the file.
    body = re.sub(r">([^<]*)<", lambda m: ">" + m.group(1).replace("'", "&apos;").replace('"', "&quot;") + "<", body)
    args.ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8")
    left = unfinished(root)
    print(f"filled {n}; {len(left)} still untranslated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
