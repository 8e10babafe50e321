"""The data package validates, and a broken copy of it is rejected with one
clear line per fault naming file, row and column. The cases' faults are set
together, each in a row no other case of its copy breaks, so that a few copies
hold them all and each is validated once (the fixture ``broken``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from helpers import DATA, ROOT, rewrite, set_cell

from factcheck.checks import faults
from factcheck.datapackage import DataValidationError, fingerprint, load_table, validate_package
from factcheck.verdicts import LABELS


def test_the_real_data_package_is_valid():
    validate_package(DATA)


def test_load_table_returns_declared_types():
    population = load_table("population", DATA)
    assert str(population.population.dtype) == "Int64"
    assert str(population.reference_date.dtype).startswith("datetime64")
    assert population.figure_id.is_unique


# (file, data row, column, bad value, words the message must contain)
CELL_FAULTS = [
    ("population.csv", 2, "source_id", "no-such-source", "'no-such-source' is not a known id in sources"),
    ("population.csv", 2, "source_id", "", "a value is required"),
    ("population.csv", 3, "population", "7l094", "'7l094' is not a valid integer"),
    ("civilians_remaining.csv", 1, "as_of", "2023-02-30", "'2023-02-30' is not a valid date"),
    ("civilians_remaining.csv", 1, "as_of", "31/05/2023", "is not a valid date"),
    ("population.csv", 4, "reference_date", "1899-01-01", "below the minimum"),
    ("civilians_remaining.csv", 0, "people", "-5", "'-5' is below the minimum 0"),
    ("population.csv", 5, "claimant", "", "a value is required"),
    ("claims.csv", 1, "verdict", "true-ish", "'true-ish' is not one of the allowed values"),
    ("claims.csv", 2, "topic", "no-such-topic", "'no-such-topic' is not a known id in topics"),
    ("sources.csv", 0, "url", "www.example.org/no-scheme", "does not match the pattern"),
    ("sources.csv", 0, "source_id", "Has Spaces", "does not match the pattern"),
    ("population.csv", 6, "area", "metro", "is not one of the allowed values"),
    # a reported figure must say what it counts, where, over what period and who says it
    ("reported_figures.csv", 1, "measure", "", "a value is required"),
    ("reported_figures.csv", 2, "scope", "", "a value is required"),
    ("reported_figures.csv", 3, "period_start", "", "a value is required"),
    ("reported_figures.csv", 4, "period_end", "", "a value is required"),
    ("reported_figures.csv", 5, "claimant_kind", "", "a value is required"),
    ("reported_figures.csv", 6, "measure", "lost", "is not one of the allowed values"),
    ("events.csv", 1, "date_precision", "", "a value is required"),
    ("sources.csv", 0, "publisher_id", "no-such-publisher", "'no-such-publisher' is not a known id in publishers"),
    ("places.csv", 0, "latitude", "91", "above the maximum"),
    # rules beyond the schema's types: links go to the publisher, places lie in their country
    (
        "sources.csv",
        1,
        "url",
        "https://thecheapinvestor.com/2023/05/story",
        "'thecheapinvestor.com' is not a domain of",
    ),
    ("sources.csv", 1, "url", "http://156.54.191.164/enciclopedia/eol-bakhmut", "'156.54.191.164' is an IP address"),
    ("places.csv", 0, "latitude", "50.6", "is not inside"),
]


# Rules across cells: (file, data row, {column: bad value}, column named, words the message must contain)
ROW_FAULTS = [
    # "between 100,000 and 5"
    (
        "reported_figures.csv",
        0,
        {"qualifier": "between", "value_high": "5"},
        "value_high",
        "'5' is below the low end '100000'",
    ),
    ("population.csv", 0, {"population_high": "100"}, "population_high", "is below the low end"),
    ("civilians_remaining.csv", 0, {"people_high": "10"}, "people_high", "is below the low end"),
    (
        "reported_figures.csv",
        0,
        {"qualifier": "between"},
        "value_high",
        "a value is required when 'qualifier' is 'between'",
    ),
    (
        "population.csv",
        0,
        {"qualifier": "between"},
        "population_high",
        "a value is required when 'qualifier' is 'between'",
    ),
    (
        "reported_figures.csv",
        0,
        {"period_end": "2022-11-30"},
        "period_end",
        "'2022-11-30' is before the start '2022-12-01'",
    ),
    ("events.csv", 0, {"end_date": "2022-07-13"}, "end_date", "'2022-07-13' is before the start '2022-07-14'"),
    # a {table:id} reference that would fail inside a notebook
    (
        "claims.csv",
        0,
        {"conclusion": "About {population:no-such-figure} people."},
        "conclusion",
        "'{population:no-such-figure}' names no row of population",
    ),
    (
        "claims.csv",
        0,
        {"hindsight_note": "About {no_table:bakhmut-2022-estimate}."},
        "hindsight_note",
        "'{no_table:bakhmut-2022-estimate}' names no figure table",
    ),
    ("events.csv", 0, {"description": "{claims:bakhmut-fallen}"}, "description", "names no figure table"),
]


# A staging, QA or development host, and the publisher whose first direct source gets it
STAGING_HOSTS = [
    ("digital-staging.thehill.com", "the-hill"),
    ("www.qa.newsweek.com", "newsweek"),
    ("dev.reuters.com", "reuters"),
    ("preprod2.bbc.co.uk", "bbc"),
]


def _staging_row(host: str, publisher: str) -> tuple[str, int, dict, str]:
    sources = load_table("sources", DATA)
    row = sources.index[(sources.publisher_id == publisher) & (sources.carrier_id == "")][0]
    return "sources.csv", int(row), {"url": f"https://{host}/a/story"}, "url"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The faults of every case above, set together in as few copies of the data
    package as keep each row to one case; each copy is validated once, as a
    maintainer's broken package is, and every fault must be found.

    Returns, for a case (file, data row, its cells, the column named), the lines
    that validation gave for that file, row and column of the case's copy."""
    cases = [(file, row, {column: value}, column) for file, row, column, value, _ in CELL_FAULTS]
    cases += [(file, row, cells, column) for file, row, cells, column, _ in ROW_FAULTS]
    cases += [_staging_row(host, publisher) for host, publisher in STAGING_HOSTS]
    rows_taken: list[set] = []  # per copy, the (file, row) its cases break
    copy_of = {}
    for file, row, cells, column in cases:
        copy = next((i for i, taken in enumerate(rows_taken) if (file, row) not in taken), len(rows_taken))
        if copy == len(rows_taken):
            rows_taken.append(set())
        rows_taken[copy].add((file, row))
        copy_of[file, row, tuple(cells.items()), column] = copy
    lines = []
    for copy in range(len(rows_taken)):
        data = tmp_path_factory.mktemp(f"broken-{copy}") / "data"
        shutil.copytree(DATA, data)
        for (file, row, cells, _), its_copy in copy_of.items():
            if its_copy == copy:
                for name, value in cells:
                    set_cell(data / file, row, name, value)
        lines.append(faults(data))

    def found(file: str, data_row: int, cells: dict, column: str) -> list[str]:
        where = f"data/{file}, row {data_row + 2}, column '{column}': "
        return [line for line in lines[copy_of[file, data_row, tuple(cells.items()), column]] if line.startswith(where)]

    return found


@pytest.mark.parametrize("file, data_row, cells, column, words", ROW_FAULTS)
def test_a_row_breaking_a_rule_across_cells_is_rejected(broken, file, data_row, cells, column, words):
    lines = broken(file, data_row, cells, column)
    assert any(words in line for line in lines), lines


@pytest.mark.parametrize("host, publisher", STAGING_HOSTS)
def test_a_staging_qa_or_dev_host_is_rejected(broken, host, publisher):
    lines = broken(*_staging_row(host, publisher))
    assert any(f"'{host}' is a staging, QA or development host" in line for line in lines), lines


@pytest.mark.parametrize("host", ["www.devdiscourse.com", "www.theguardian.com", "qazaqstan.kz"])
def test_a_public_host_is_not_taken_for_a_staging_one(host):
    from factcheck.checks import non_public_label

    assert non_public_label(host, [host.removeprefix("www.")]) is None


def test_a_source_may_link_its_licensed_carrier(data_copy):
    sources = load_table("sources", DATA)
    carried = sources[sources.carrier_id != ""].index[0]
    set_cell(data_copy / "sources.csv", int(carried), "carrier_id", "")
    with pytest.raises(DataValidationError, match="is not a domain of"):
        validate_package(data_copy)


@pytest.mark.parametrize("file, data_row, column, value, words", CELL_FAULTS)
def test_a_broken_cell_is_rejected_with_file_row_and_column(broken, file, data_row, column, value, words):
    lines = broken(file, data_row, {column: value}, column)
    assert any(words in line for line in lines), lines


def test_a_duplicate_id_is_rejected(data_copy):
    rewrite(data_copy / "population.csv", lambda rows: rows.append(list(rows[1])))
    with pytest.raises(
        DataValidationError,
        match=r"data/population.csv, row \d+, column 'figure_id': duplicate id: the same value as row 2",
    ):
        validate_package(data_copy)


def test_a_short_row_is_rejected(data_copy):
    rewrite(data_copy / "civilians_remaining.csv", lambda rows: rows[1].__delitem__(slice(5, None)))
    with pytest.raises(
        DataValidationError, match=r"data/civilians_remaining.csv, row 2, column 'as_of_basis': the row is too short"
    ):
        validate_package(data_copy)


def test_an_extra_cell_is_rejected(data_copy):
    rewrite(data_copy / "topics.csv", lambda rows: rows[2].append("stray"))
    with pytest.raises(DataValidationError, match=r"data/topics.csv, row 3: the row has an extra cell 'stray'"):
        validate_package(data_copy)


def test_a_renamed_column_is_rejected(data_copy):
    def rename(rows):
        rows[0][rows[0].index("people")] = "persons"

    rewrite(data_copy / "civilians_remaining.csv", rename)
    with pytest.raises(DataValidationError, match="data/civilians_remaining.csv.*persons"):
        validate_package(data_copy)


def test_load_table_refuses_a_broken_table(data_copy):
    set_cell(data_copy / "population.csv", 0, "population", "many")
    with pytest.raises(DataValidationError, match="data/population.csv, row 2, column 'population'"):
        load_table("population", data_copy)


def run_factcheck(command: str, data_dir) -> subprocess.CompletedProcess:
    """``python -m factcheck COMMAND`` on the data in ``data_dir``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"FACTCHECK_DATA": str(data_dir), "PATH": ""},
    )


def test_the_command_line_prints_one_message_and_no_traceback(data_copy):
    set_cell(data_copy / "population.csv", 0, "population", "many")
    result = run_factcheck("validate", data_copy)
    assert result.returncode == 1
    assert "data/population.csv, row 2, column 'population': 'many' is not a valid integer" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_line_reports_a_rule_across_cells_without_a_traceback(data_copy):
    set_cell(data_copy / "reported_figures.csv", 0, "qualifier", "between")
    set_cell(data_copy / "reported_figures.csv", 0, "value_high", "5")
    result = run_factcheck("check", data_copy)
    assert result.returncode == 1
    assert "data/reported_figures.csv, row 2, column 'value_high': '5' is below the low end '100000'" in result.stderr
    assert "Traceback" not in result.stderr


def test_verdict_labels_in_the_schema_match_the_scale():
    descriptor = json.loads((DATA / "datapackage.json").read_text())
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    for field in claims["schema"]["fields"]:
        if field["name"] in ("verdict", "verdict_hindsight"):
            assert tuple(field["constraints"]["enum"]) == LABELS


def test_every_table_file_is_described():
    descriptor = json.loads((DATA / "datapackage.json").read_text())
    described = {r["path"] for r in descriptor["resources"]}
    assert described == {p.name for p in DATA.glob("*.csv")}


def test_a_source_is_recorded_once():
    sources = load_table("sources", DATA)
    assert sources.url.is_unique, sources[sources.url.duplicated(keep=False)][["source_id", "url"]]


def test_every_registered_source_is_cited_somewhere():
    descriptor = json.loads((DATA / "datapackage.json").read_text())
    cited = set()
    for resource in descriptor["resources"]:
        for key in resource["schema"].get("foreignKeys", []):
            if key["reference"]["resource"] == "sources" and resource["name"] != "sources":
                cited |= set(load_table(resource["name"], DATA)[key["fields"][0]])
    for page in [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("chapters/*.md")]:
        for keys in re.findall(r"\{cite:[pt]\}`([^`]+)`", page.read_text()):
            cited |= {key.strip() for key in keys.split(",")}
    assert set(load_table("sources", DATA).source_id) - cited == set()


def test_a_broken_row_stops_the_book_build_with_the_same_message(data_copy, monkeypatch):
    from types import SimpleNamespace

    from sphinx.errors import ExtensionError

    from factcheck.sphinx import _configure

    set_cell(data_copy / "claims.csv", 1, "reviewed_on", "yesterday")
    (data_copy.parent / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.setenv("FACTCHECK_DATA", str(data_copy))  # restored after the test
    app = SimpleNamespace(srcdir=str(data_copy.parent))
    with pytest.raises(
        ExtensionError, match=r"data/claims.csv, row 3, column 'reviewed_on': 'yesterday' is not a valid date"
    ):
        _configure(app, SimpleNamespace(html_static_path=[], myst_substitutions={}))


def test_an_unknown_table_is_named_in_the_error():
    with pytest.raises(KeyError, match="no table 'nope'"):
        load_table("nope", DATA)


def test_a_valid_package_is_remembered_and_a_changed_one_checked_again(data_copy):
    (data_copy.parent / "_build").mkdir()
    validate_package(data_copy)
    log = (data_copy.parent / "_build" / ".validated-data").read_text().split()
    assert log == [fingerprint(data_copy)]
    set_cell(data_copy / "population.csv", 0, "population", "many")
    with pytest.raises(DataValidationError, match="'many' is not a valid integer"):
        validate_package(data_copy)
