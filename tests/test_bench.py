"""`make bench` writes README.md's bench block, which says it is generated: the writer is checked
here on a copy of the README, without the minutes a real benchmark takes."""

from __future__ import annotations

import importlib.util
import re

from helpers import ROOT


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_make_bench_runs_the_bench_script():
    assert re.search(r"^bench:.*\n\t.*bench/bench\.py", (ROOT / "Makefile").read_text(), re.M)


def test_the_bench_writes_the_readme_block_it_marks_as_generated(tmp_path, monkeypatch):
    bench = load_bench()
    original = (ROOT / "README.md").read_text()
    assert "written by `make bench`" in bench.BLOCK.search(original)[1]
    readme = tmp_path / "README.md"
    readme.write_text(original)
    monkeypatch.setattr(bench, "README", readme)
    bench.write_readme([("Clean `make book`", "9.9 s")], ["Run on a test."])
    written = readme.read_text()
    assert "| Clean `make book` | 9.9 s |\n" in bench.BLOCK.search(written)[0]
    assert "- Run on a test.\n" in bench.BLOCK.search(written)[0]
    assert bench.BLOCK.sub("", written) == bench.BLOCK.sub("", original), "only the block changes"
