"""The intake/duplicates benchmark's pieces on tiny data, so that its code cannot rot. (The
benchmark itself is `python -m bench intake_duplicates`; timings are never asserted here.)"""

import random

import pytest

from bench import __main__ as bench_main
from bench import corpus, intake_duplicates, labelled, quality
from pingan.cases import duplicates, search_index
from pingan.cases.models import Case, CaseSearchEntry, CaseSearchKey


@pytest.fixture(autouse=True)
def _fresh_caches():
    search_index.forget_weights()
    duplicates.forget_references()
    yield
    search_index.forget_weights()
    duplicates.forget_references()


def test_the_whole_run_on_200_cases(categories):
    lines = []
    figures = intake_duplicates.run(
        cases=200, intakes=3, pairs=20, seed=1, queries=10, out=lines.append
    )
    assert Case.objects.filter(number__startswith="BK").count() == 200
    assert CaseSearchEntry.objects.count() == Case.objects.count()
    assert CaseSearchKey.objects.exists()  # 200 cases counted: names can be told apart
    assert figures["ratio"] > 0 and 0 <= figures["search_recall"] <= 1
    assert 0 <= figures["pair_precision"] <= 1 and 0 <= figures["pair_recall"] <= 1
    text = "\n".join(lines)
    assert "ratio (with / without)" in text and "labelled pairs (44)" in text


def test_reports_of_one_matter_differ_and_keep_their_facts():
    rng = random.Random(5)
    villages, _grids = quality.demo_villages(rng)
    matter = corpus.new_matter(rng, villages[0], corpus.TOPIC_BY_CODE["wages"])
    first, second = corpus.two_wordings(rng, matter)
    assert first != second
    again = corpus.matter_of(villages[0], corpus.TOPIC_BY_CODE["wages"], matter.entity)
    assert again == matter


def test_labelled_pairs_have_both_labels():
    pairs = quality.labelled_set(2, 40)
    kinds = {pair.kind for pair in pairs}
    assert {"same matter", "hand-written"} <= kinds
    assert any(p.same for p in pairs) and any(not p.same for p in pairs)
    assert len(labelled.hard_pairs()) == 24


def test_the_command_lists_its_benchmarks(capsys):
    assert bench_main.main([]) == 0
    assert "intake_duplicates" in capsys.readouterr().out
    assert bench_main.main(["nope"]) == 2
