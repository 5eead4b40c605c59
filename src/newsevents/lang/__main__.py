"""`python -m newsevents.lang --list`: the language packs, their parsers and versions."""

from __future__ import annotations

import argparse

from newsevents.lang import packs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.lang", description=__doc__)
    parser.add_argument("--list", action="store_true", help="list the packs (the default)")
    parser.parse_args(argv)
    print(f"{'code':<5} {'language':<9} {'coder':<8} {'parser':<52} versions")
    for p in packs():
        coder = "lexical" if p.lexicon is not None else "parse"
        versions = ", ".join(f"{k} {v}" for k, v in p.versions().items()) or "-"
        print(f"{p.code:<5} {p.name:<9} {coder:<8} {p.parser:<52} {versions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
