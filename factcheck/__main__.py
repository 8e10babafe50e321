"""Command line: ``python -m factcheck validate|check|execute|print|findings|new``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="validate data/datapackage.json and every table in it")
    commands.add_parser("check", help="validate the data, then check that every notebook's stored outputs are current")
    execute = commands.add_parser(
        "execute", help="re-execute, in parallel, the notebooks whose stored outputs are stale"
    )
    execute.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook of the book")
    execute.add_argument("--force", action="store_true", help="execute them even if their outputs are current")
    printing = commands.add_parser("print", help="print every page of the built book, in reading order, into one PDF")
    printing.add_argument("html_root", type=Path)
    printing.add_argument("pdf", type=Path)
    findings = commands.add_parser("findings", help="write the README's findings block from the register")
    findings.add_argument("readme", nargs="?", type=Path, default=Path("README.md"))
    new = commands.add_parser(
        "new", help="write a new fact-check book of another article into DIR, executed and ready to build"
    )
    new.add_argument("directory", type=Path, metavar="DIR", help="a new or empty folder")
    new.add_argument(
        "--article", type=Path, required=True, metavar="FILE", help="the article as plain UTF-8 text, headline first"
    )
    new.add_argument("--title", required=True, help="the new book's title")
    new.add_argument("--author", help="who signs the book's checks (default: the fact-check book contributors)")
    new.add_argument("--published", metavar="YYYY-MM-DD", help="the day the article appeared, if known")
    args = parser.parse_args(argv)

    # Each command imports only what it runs, so that `--help` and a quick `check` start at once.
    if args.command == "new":
        from factcheck.scaffold import ScaffoldError, new_book

        try:
            book = new_book(args.directory, args.article, args.title, args.author, args.published)
        except ScaffoldError as error:
            print(error, file=sys.stderr)
            return 1
        print(
            f"new fact-check book written to {book}; next: cd {book} && make book (its README says how to add a claim)"
        )
        return 0

    from factcheck.book import book_notebooks, book_root
    from factcheck.datapackage import DataValidationError, validate_package
    from factcheck.notebooks import StaleOutputsError, check_outputs, execute_all

    try:
        if args.command in ("validate", "check"):
            validate_package()
            print("data package is valid")
        if args.command == "check":
            check_outputs(book_notebooks(), book_root())
            print("every notebook's stored outputs are current")
        elif args.command == "execute":
            validate_package()
            notebooks = [p.resolve() for p in args.notebooks] or book_notebooks()
            changed = execute_all(notebooks, book_root(), force=args.force)
            print(
                f"{len(changed)} of {len(notebooks)} notebooks rewritten"
                + "".join(f"\n  {p.relative_to(book_root())}" for p in changed)
            )
        elif args.command == "print":
            from factcheck.book import toc_pages
            from factcheck.printing import STAMP_FILE, print_book

            pages = [f"{page}.html" for page in toc_pages()]
            printed = print_book(args.html_root, pages, args.pdf, book_root() / STAMP_FILE)
            print(f"print edition {'written to' if printed else 'up to date:'} {args.pdf}")
        elif args.command == "findings":
            from factcheck.exports import write_findings

            write_findings(args.readme)
            print(f"findings written to {args.readme}")
    except (DataValidationError, StaleOutputsError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
