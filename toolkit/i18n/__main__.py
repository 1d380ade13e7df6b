"""``python -m toolkit.i18n update|compile|init LANG|check``: see toolkit/i18n/catalog.py."""
from __future__ import annotations

import argparse
import sys

from . import catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.i18n",
                                     description="Maintain the message catalogue (Babel).")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="extract the strings and merge them into every .po")
    sub.add_parser("compile", help="compile every .po into its .mo")
    init = sub.add_parser("init", help="start the catalogue of a new language")
    init.add_argument("lang")
    sub.add_parser("check", help="list untranslated or fuzzy strings and stale .mo files")
    args = parser.parse_args(argv)
    if args.command == "update":
        for path in catalog.update():
            print(f"updated {path}")
    elif args.command == "compile":
        for path in catalog.compile_all():
            print(f"compiled {path}")
    elif args.command == "init":
        print(f"created {catalog.init(args.lang)}: translate it, then compile")
    else:
        template = catalog.extract_template()
        found = [p for lang in catalog.catalogue_languages()
                 for p in catalog.problems(lang, template)]
        for problem in found:
            print(problem)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
