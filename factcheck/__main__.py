"""Command line: ``python -m factcheck validate|execute ...``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="validate data/datapackage.json and every table in it")
    execute = commands.add_parser("execute", help="re-execute notebooks in place")
    execute.add_argument("notebooks", nargs="+", type=Path)
    findings = commands.add_parser("findings", help="write the README's findings block from the register")
    findings.add_argument("readme", nargs="?", type=Path, default=Path("README.md"))
    args = parser.parse_args(argv)

    if args.command == "validate":
        from factcheck.datapackage import DataValidationError, validate_package

        try:
            validate_package()
        except DataValidationError as error:
            print(error, file=sys.stderr)
            return 1
        print("data package is valid")
    elif args.command == "execute":
        from factcheck.notebooks import execute_in_place

        for notebook in args.notebooks:
            print(f"executing {notebook}")
            execute_in_place(notebook)
    elif args.command == "findings":
        from factcheck.exports import write_findings

        write_findings(args.readme)
        print(f"findings written to {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
