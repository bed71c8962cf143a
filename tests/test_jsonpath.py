"""The compiled JSONPath queries (``contractlint.jsonpath``) against ``jsonpath-rfc9535``.

The library defines what a query selects; ``jsonpath.compile_query`` runs its parsed
query as closures. On generated queries (every selector, segment, comparison, logical
operator and standard function) over generated documents, both must select the same
nodes, in the same order, by location and by identity.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jsonpath_rfc9535
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contractlint import jsonpath

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import teamrules

KEYS = ["a", "b", "c"]

documents = st.recursive(
    st.one_of(
        st.sampled_from([None, True, False, 0, 1, 2, -1, 2.5, 1.0, "", "x", "xa", "a", "ab"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    ),
    max_leaves=14,
)

_singular = st.sampled_from(["@", "@.a", "@.b", "@[0]", "@[-1]", "@.a.b", "$.a", "$.c[0]", "$"])
_literal = st.sampled_from(["1", "2", "2.5", "-1", "'x'", "'a'", "true", "false", "null"])
_nodes = st.sampled_from(["@.*", "@[*]", "@..a", "@[*].b", "$..b", "@.a", "@[1:]"])
_regex = st.sampled_from(["'x.*'", "'a'", "'[ab]+'", "'('", "'\\\\d'", "'.'"])


@st.composite
def _comparable(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["singular", "literal", "length", "count", "value"]))
    if kind == "singular":
        return draw(_singular)
    if kind == "literal":
        return draw(_literal)
    if kind == "length":
        return f"length({draw(_singular)})"
    return f"{kind}({draw(_nodes)})"


@st.composite
def _test(draw: st.DrawFn, depth: int = 0) -> str:
    choices = ["comparison", "exists", "function"] + (["and", "or", "not"] if depth < 2 else [])
    kind = draw(st.sampled_from(choices))
    if kind == "comparison":
        operator = draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
        return f"{draw(_comparable())} {operator} {draw(_comparable())}"
    if kind == "exists":
        return draw(st.sampled_from(["@.a", "@[0]", "@.*", "$.b", "@..c", "$"]))
    if kind == "function":
        name = draw(st.sampled_from(["match", "search"]))
        return f"{name}({draw(_singular)}, {draw(_regex)})"
    if kind == "not":
        return f"!({draw(_test(depth + 1))})"
    operator = "&&" if kind == "and" else "||"
    return f"({draw(_test(depth + 1))} {operator} {draw(_test(depth + 1))})"


@st.composite
def _selector(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["name", "index", "slice", "wildcard", "filter"]))
    if kind == "name":
        return repr(draw(st.sampled_from(KEYS)))
    if kind == "index":
        return str(draw(st.integers(-3, 3)))
    if kind == "slice":
        start, stop = (
            draw(st.sampled_from(["", "0", "1", "-1", "5"])),
            draw(st.sampled_from(["", "2", "-1"])),
        )
        step = draw(st.sampled_from(["", ":1", ":2", ":-1", ":0"]))
        return f"{start}:{stop}{step}"
    if kind == "wildcard":
        return "*"
    return f"?{draw(_test())}"


@st.composite
def queries(draw: st.DrawFn) -> str:
    query = "$"
    for _ in range(draw(st.integers(0, 3))):
        selectors = ", ".join(draw(st.lists(_selector(), min_size=1, max_size=2)))
        query += draw(st.sampled_from(["", ".."])) + f"[{selectors}]"
    return query


def _library(query: str, document: Any) -> list[tuple[tuple[Any, ...], Any]]:
    return [
        (tuple(n.location), n.value) for n in jsonpath_rfc9535.compile(query).finditer(document)
    ]


def _same(
    ours: list[tuple[tuple[Any, ...], Any]], theirs: list[tuple[tuple[Any, ...], Any]]
) -> None:
    assert [location for location, _ in ours] == [location for location, _ in theirs]
    assert all(a is b for (_, a), (_, b) in zip(ours, theirs))


def _compiles_itself(query: str) -> bool:
    """Whether ``query`` runs as closures, not through the library's fallback."""
    try:
        for segment in jsonpath.parse(query).segments:
            jsonpath._segment(segment)
    except jsonpath.Unsupported:
        return False
    return True


@settings(max_examples=600, deadline=None)
@given(query=queries(), document=documents)
def test_compiled_queries_select_what_the_library_selects(query: str, document: Any) -> None:
    try:
        theirs = _library(query, document)
    except jsonpath_rfc9535.JSONPathError:
        with pytest.raises(jsonpath_rfc9535.JSONPathError):
            jsonpath.compile_query(query)
        return
    _same(jsonpath.compile_query(query)(document), theirs)


@pytest.mark.parametrize(
    "query",
    ["$[?count(@.*) == 0]", "$[?count(@.*) < 2]", "$[?count(@[*]) == 2]", "$..[?count(@.*) > 1]"],
)
@pytest.mark.parametrize(
    "document",
    [{"a": "xy", "b": [1], "c": {"k": 1, "j": 2}, "d": 5, "e": [], "f": None}, ["ab", [1, 2], {}]],
)
def test_count_of_the_children_is_the_librarys(query: str, document: Any) -> None:
    """`count(@.*)` counts a container's children, and a string or number has none."""
    _same(jsonpath.compile_query(query)(document), _library(query, document))


@settings(max_examples=200, deadline=None)
@given(query=queries())
def test_generated_queries_run_as_closures(query: str) -> None:
    """The differential test above tests the closures, not the fallback: every
    generated query the library accepts compiles to them."""
    try:
        jsonpath_rfc9535.compile(query)
    except jsonpath_rfc9535.JSONPathError:
        return
    assert _compiles_itself(query)


@pytest.mark.parametrize(
    "query",
    sorted({r["given"] for r in teamrules.RULES.values() if r["given"].startswith("$")}),
)
def test_the_benchmark_queries_run_as_closures_and_agree(query: str) -> None:
    assert _compiles_itself(query)
    document = {
        "owners": ["a@example.com", "b@elsewhere.org"],
        "guardrails": [{"metric": "x", "max": 1}, {"metric": "y"}],
        "items": [{"id": "a", "status": "done", "evidence": "ok"}, {"status": "n/a"}],
        "options": [{"estimate_weeks": 30}, {"estimate_weeks": 2}],
        "latency_budget_ms": {"p50": 10, "p99": 900},
        "timeout_ms": 500,
        "description": "api_key=1",
        "name": "x",
    }
    _same(jsonpath.compile_query(query)(document), _library(query, document))


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("$[?@]", [0, "", None, False, 1]),  # the library reads `@` on a scalar by its truth
        ("$[?!@]", [0, 1]),
        ("$[?true]", [1]),
    ],
)
def test_what_is_not_compiled_is_run_by_the_library(query: str, document: Any) -> None:
    try:
        theirs = _library(query, document)
    except jsonpath_rfc9535.JSONPathError:
        return
    assert not _compiles_itself(query)
    _same(jsonpath.compile_query(query)(document), theirs)


@pytest.mark.parametrize("depth", [100, 101, 120])
def test_the_depth_limit_is_the_librarys(depth: int) -> None:
    deep: Any = 1
    for _ in range(depth):
        deep = [deep]
    for query in ("$..*", "$[0]..*"):
        try:
            theirs = _library(query, deep)
        except jsonpath_rfc9535.JSONPathError:
            with pytest.raises(jsonpath_rfc9535.JSONPathError):
                jsonpath.compile_query(query)(deep)
            continue
        _same(jsonpath.compile_query(query)(deep), theirs)


DOCUMENT = [
    {"a": "xa", "b": 1},
    {"a": {"k": 1, "l": 2}, "b": True},
    {"a": [1, 2, 3], "b": 1.0},
    {"a": 7, "b": None},
    {"b": "1"},
    {"a": "ab", "c": [{"a": 5}]},
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("$[?length(@.a) == 2]", [0, 1, 5]),  # a string's characters, an object's members
        ("$[?length(@.a) == 3]", [2]),  # an array's items
        ("$[?length(@.a) != 2]", [2, 3, 4]),  # 7 and an absent `a` have no length
        ("$[?count(@.*) == 2]", [0, 1, 2, 3, 5]),
        ("$[?value(@..a) == 5]", []),  # two nodes: no value
        ("$[?value(@.c[*].a) == 5]", [5]),
        ("$[?@.b == 1]", [0, 2]),  # true is not 1; 1.0 is
        ("$[?@.b == true]", [1]),
        ("$[?@.b == null]", [3]),
        ("$[?@.x == @.y]", [0, 1, 2, 3, 4, 5]),  # Nothing equals Nothing
        ("$[?@.b < 2]", [0, 2]),
        ("$[?@.a < 'b']", [5]),  # "xa" sorts after "b"
        ("$[?match(@.a, 'x.')]", [0]),
        ("$[?match(@.a, 'a')]", []),  # the whole string
        ("$[?search(@.a, 'a')]", [0, 5]),
        ("$[?@.c]", [5]),
        ("$[?!@.a]", [4]),
    ],
)
def test_functions_and_comparisons_as_rfc_9535_says(query: str, expected: list[int]) -> None:
    theirs = _library(query, DOCUMENT)
    assert [location for location, _ in theirs] == [(i,) for i in expected]
    assert _compiles_itself(query)
    _same(jsonpath.compile_query(query)(DOCUMENT), theirs)


def test_the_shared_walk_is_each_documents_own() -> None:
    """`$..` queries share the walk of the document they last ran on: never another's."""
    one, two = {"a": {"x": 1}}, {"b": [{"x": 2}]}
    for document in (one, two, one, {"a": {"x": 1}}, two):
        for query in ("$..x", "$..[?@ == 2]", "$..*"):
            _same(jsonpath.compile_query(query)(document), _library(query, document))


# `$..[?search(@, 'p')]` screens a document by its strings joined (jsonpath._screen):
# the patterns below are the ones the screen could get wrong. An anchor matches at the
# end of a string but not inside the joined text, a class of "anything but a letter"
# matches the separator between two strings, and `.` stands for the library's
# lookahead. The strings hold the separator and the anchors' characters themselves.
_SCREENED = ["a$", "^a", "^", "$", "[^a]", "a[^x]b", "a.b", "x", "\\n", "a|b$", "[$]", "\\^a"]
_strings = st.sampled_from(["a", "b", "xa", "ab", "a\nb", "", "^a", "a$", "ba", 1, None, True])
_string_documents = st.recursive(
    _strings,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(
    pattern=st.sampled_from(_SCREENED),
    negated=st.booleans(),
    document=_string_documents,
)
def test_a_search_anywhere_selects_what_the_library_selects(
    pattern: str, negated: bool, document: Any
) -> None:
    written = pattern.replace("\\", "\\\\").replace("'", "\\'")
    query = f"$..[?{'!' if negated else ''}search(@, '{written}')]"
    _same(jsonpath.compile_query(query)(document), _library(query, document))


@pytest.mark.parametrize(
    ("pattern", "document", "expected"),
    [
        ("a$", {"k": ["xa", "b"]}, [("k", 0)]),  # "xa\nb" has no "a" at its end
        ("^b", {"k": ["a", "b"]}, [("k", 1)]),  # nor a "b" at its start
        ("a[^x]b", {"k": ["a", "b"]}, []),  # "a\nb" matches, the strings do not
        ("secret", {"k": {"l": ["no", "my secret"]}, "m": "x"}, [("k", "l", 1)]),
        ("secret", {"k": {"l": ["no", "nothing"]}, "secret": 1}, []),  # keys are not searched
    ],
)
def test_the_screen_never_hides_a_match(
    pattern: str, document: Any, expected: list[tuple[Any, ...]]
) -> None:
    query = f"$..[?search(@, '{pattern}')]"
    found = jsonpath.compile_query(query)(document)
    assert [location for location, _ in found] == expected
    _same(found, _library(query, document))


@pytest.mark.parametrize("document", [5, None, True, 2.5, "a", [5, "a"], {"k": 5}])
@pytest.mark.parametrize("query", ["$..[?search(@, 'a')]", "$[?count(@..[?search(@, 'a')]) > 0]"])
def test_a_search_anywhere_below_a_scalar_selects_nothing_there(query: str, document: Any) -> None:
    """`..` below a scalar (the document itself, or the node a filter's `@..` starts
    from) reaches no string: the screen reads none, and never fails on it."""
    _same(jsonpath.compile_query(query)(document), _library(query, document))


def test_only_a_search_without_anchors_is_screened() -> None:
    def screened(query: str) -> bool:
        segment = jsonpath.parse(query).segments[-1]
        return jsonpath._screen(segment.selectors) is not None

    assert screened("$..[?search(@, 'secret|token=')]")
    assert screened("$..[?search(@, '[^a]b')]")
    assert not screened("$..[?search(@, 'a$')]")
    assert not screened("$..[?search(@, '^a')]")
    assert not screened("$..[?!search(@, 'a')]")  # a negation: no match means all are selected
    assert not screened("$..[?match(@, 'a')]")
    assert not screened("$..[?search(@, 'a'), 'b']")


# I-Regexps (RFC 9485) built from the parts `required_literals` reads differently:
# characters, escapes, classes, categories, `.`, groups, and every kind of quantifier.
_atoms = st.sampled_from(
    [
        *("a", "b", "B", "-", "=", "é", "Σ", "\\.", "\\n", "\\|", "\\{"),
        *("[ab]", "[^a]", "[a\\]]", "[Aa]", "[bB]", "[Σσ]", "\\p{Lu}", "."),
    ]
)
_quantifiers = st.sampled_from(
    ["", "", "", "?", "*", "+", "{0}", "{00}", "{1}", "{2}", "{0,1}", "{1,}"]
)


@st.composite
def _iregexps(draw: st.DrawFn, depth: int = 0) -> str:
    def piece() -> str:
        if depth < 2 and draw(st.integers(0, 5)) == 0:
            atom = "(" + draw(_iregexps(depth + 1)) + ")"
        else:
            atom = draw(_atoms)
        return atom + draw(_quantifiers)

    branches = draw(st.integers(1, 3))
    return "|".join(
        "".join(piece() for _ in range(draw(st.integers(0, 4)))) for _ in range(branches)
    )


@settings(max_examples=600, deadline=None)
@given(pattern=_iregexps(), text=st.text(alphabet="ab-=.\n|{]ABéΣσς", max_size=12))
def test_a_text_without_the_required_literals_has_no_match(pattern: str, text: str) -> None:
    """The literals `required_literals` finds are in every text the library's search
    matches: the screen never hides a match."""
    from iregexp_check import check

    assume(check(pattern))
    literals = jsonpath.required_literals(pattern)
    if _library_search(pattern, text):
        assert not literals or jsonpath._holds_any(text, literals)


_more_atoms = st.sampled_from(
    ["&", "|", "~", "\\-", "[a-c]", "[-a]", "[a-]", "[^\\n]", "\\r", "\\t"]
)
_texts = st.text(
    alphabet=st.sampled_from([*"ab-=.|{]ABéΣ&~\n\r\t", "\ud800", "\udc00", "\U0001f600"]),
    max_size=10,
)


@settings(max_examples=800, deadline=None)
@given(
    pattern=st.one_of(
        _iregexps(),
        st.lists(_more_atoms, max_size=4).map("".join),
        # what `regex` reads as set operations, and what neither engine compiles
        st.sampled_from(["[a&&b]", "[a||b]", "[a~~b]", "[&&]", "a{2,1}", "[z-a]", "[a-c&&b]"]),
    ),
    text=_texts,
    function=st.sampled_from(["match", "search"]),
)
def test_match_and_search_run_by_re_agree_with_the_library(
    pattern: str, text: str, function: str
) -> None:
    """`_regex` runs most patterns with Python's `re` rather than the `regex` module
    the library uses: they agree on every pattern and text (line breaks, surrogates,
    characters beyond the BMP, what `regex` would read as a set operation)."""
    from jsonpath_rfc9535.function_extensions import Match, Search

    ours = jsonpath._regex_test(text, pattern, "fullmatch" if function == "match" else "search")
    theirs = (Match if function == "match" else Search)()(text, pattern)
    assert ours == theirs


@pytest.mark.parametrize("text", ["a", "\r", "\n", "\ud800", "\ud800\udc00", "\U0001f600", "ab"])
@pytest.mark.parametrize("pattern", [".", "a.", "..", "[.]"])
@pytest.mark.parametrize("function", ["match", "search"])
def test_dot_means_what_it_means_to_the_library(pattern: str, text: str, function: str) -> None:
    """I-Regexp's `.`: any character but a line break; a pair of surrogates is one."""
    from jsonpath_rfc9535.function_extensions import Match, Search

    ours = jsonpath._regex_test(text, pattern, "fullmatch" if function == "match" else "search")
    assert ours == (Match if function == "match" else Search)()(text, pattern)


@pytest.mark.parametrize(
    ("pattern", "plain"),
    [
        ("ab", True),
        ("a.b", True),
        ("[a.]", True),
        ("\\p{Lu}", False),  # a category: `re` has none
        ("a$", False),  # anchors, as the library passes them on
        ("^a", False),
        ("[^a]", True),
        ("[a&&b]", False),  # a set operation to `regex`
        ("[a--b]", False),
    ],
)
def test_which_patterns_re_runs(pattern: str, plain: bool) -> None:
    assert (jsonpath._plain_pattern(pattern) is not None) is plain


def test_a_run_of_team_rules_with_plain_patterns_never_imports_regex(tmp_path: Path) -> None:
    """The `regex` module (9 ms) is imported only for a pattern `re` cannot run."""
    import subprocess

    (tmp_path / ".contractlint.yaml").write_text(
        "rules:\n  ACME001:\n    name: x\n    given: \"$[?search(@, 'a.b')]\"\n"
        "    then: {function: undefined}\n    message: m\n"
        "  ACME002:\n    name: y\n    given: \"$..[?match(@, '[Pp]assword')]\"\n"
        "    then: {function: undefined}\n    message: m\n"
    )
    (tmp_path / "c.yaml").write_text("kind: model-contract\nname: axb\n")
    code = (
        "import sys\nfrom contractlint.cli.entry import main\n"
        "try:\n    main(['check', '--no-cache', '--config', sys.argv[1], sys.argv[2]])\n"
        "except SystemExit:\n    pass\n"
        "print('regex' in sys.modules, type(sys.modules.get('regex')).__name__)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / ".contractlint.yaml"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "ACME001" in run.stdout, run.stdout + run.stderr
    assert run.stdout.strip().endswith("False NoneType"), run.stdout


def _library_search(pattern: str, text: str) -> bool:
    from jsonpath_rfc9535.function_extensions import Search

    return bool(Search()(text, pattern))


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("[Pp]assword|[Ss]ecret|token=", (("password", True), ("secret", True), ("token=", False))),
        ("a+bc", (("bc", False),)),  # after a repetition, a new run
        ("xa+b", (("xa", False),)),  # "xaab" holds no "xab"
        ("ab?c", (("a", False),)),  # an optional character is in none
        ("a{0,2}bc|x{00}yz", (("bc", False), ("yz", False))),
        ("ab{2}c", (("ab", False),)),
        ("x(a|b)yz", (("yz", False),)),  # a group ends the run
        ("[a\\]b]cd\\.e", (("cd.e", False),)),
        ("\\p{Lu}xy|\\nz", (("xy", False), ("\nz", False))),
        ("AB[Cc]|[Kk]éy", (("abc", True), ("éy", False))),  # no lowercasing beyond ASCII
        ("[Kk][Ee]?y|[Xx]+yz", (("k", True), ("yz", False))),
        ("[Ab]cd|[ab]cd", (("cd", False), ("cd", False))),  # not one letter in two cases
        ("abc|[ab]", ()),  # a branch without a certain character: no screen
        ("a|", ()),
    ],
)
def test_required_literals(pattern: str, literals: tuple[tuple[str, bool], ...]) -> None:
    assert jsonpath.required_literals(pattern) == literals


@settings(max_examples=300, deadline=None)
@given(
    query=queries(),
    value=st.dictionaries(st.sampled_from(KEYS), documents, max_size=3),
    fmt=st.sampled_from(["yaml", "json"]),
)
def test_a_query_reads_what_the_loader_recorded_as_it_would_walk(
    query: str, value: Any, fmt: str
) -> None:
    """Primed with the containers and text the loader recorded (``Document.walked``),
    from YAML or JSON, a query selects what the library selects."""
    import json

    import yaml

    from contractlint.pipeline import loader
    from contractlint.pipeline.source import Segment

    contract = {"kind": "model-contract", **value}
    text = yaml.safe_dump(contract) if fmt == "yaml" else json.dumps(contract)
    limits = loader.Limits(walked=True)
    (document,) = loader.load(f"doc.{fmt}", Segment(text, fmt), limits).documents
    assert document.walked is not None
    jsonpath.prime(document.value, document.walked)
    _same(jsonpath.compile_query(query)(document.value), _library(query, document.value))
    for pattern in _SCREENED:
        search = f"$..[?search(@, '{pattern.replace(chr(92), chr(92) * 2)}')]"
        _same(jsonpath.compile_query(search)(document.value), _library(search, document.value))


_words = st.lists(
    st.sampled_from(
        ["ab", "Ab", "aB", "b", "é", "'", "\\", "\t", " ", "\n", "\u2028", "\x85", "x"]
    ),
    max_size=6,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    strings=st.lists(_words, min_size=1, max_size=4),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    width=st.sampled_from([4, 80]),
    pattern=st.sampled_from(["ab", "[Aa][Bb]", "b'", "b x", "aé", "[Aa]b|x\\n", "b\\tx"]),
)
def test_a_search_screened_by_the_file_text_selects_what_the_library_selects(
    strings: list[str], style: str | None, width: int, pattern: str
) -> None:
    """The screen looks for the literals in the YAML text itself when it can: never when
    an escape, a quote written twice or a folded line could hide one (written below in
    every scalar style, folded at every space)."""
    import yaml

    from contractlint.pipeline import loader
    from contractlint.pipeline.source import Segment

    text = yaml.safe_dump(
        {"kind": "model-contract", "items": strings}, default_style=style, width=width
    )
    limits = loader.Limits(walked=True)
    (document,) = loader.load("doc.yaml", Segment(text, "yaml"), limits).documents
    if document.walked is not None:
        jsonpath.prime(document.value, document.walked)
    written = pattern.replace("\\", "\\\\").replace("'", "\\'")
    query = f"$..[?search(@, '{written}')]"
    _same(jsonpath.compile_query(query)(document.value), _library(query, document.value))


@pytest.mark.parametrize(
    ("yaml_text", "pattern"),
    [
        ('items: ["\\x61b"]\n', "ab"),  # an escape
        ('items: ["\\u0041B"]\n', "[Aa][Bb]"),
        ("items: ['it''s']\n", "t's"),  # a quote written twice
        ('items: ["a\\\n  b"]\n', "ab"),  # a line joined by an escaped line break
        ("items:\n- b\n  x\n", "b x"),  # a plain scalar folded over two lines
        ("items:\n- >\n  b\n  x\n", "b x"),  # a folded block
        ("items:\n- |\n  b\n  x\n", "b\\nx"),  # a literal block
        ("items:\n- 'b\n\n  x'\n", "b\\nx"),  # an empty line, folded to a line break
    ],
)
def test_a_string_the_file_text_hides_is_found(yaml_text: str, pattern: str) -> None:
    """What a scalar's value holds but its text does not (an escape, a quote written
    twice, a folded line) is found: the file's text is not looked in then."""
    from contractlint.pipeline import loader
    from contractlint.pipeline.source import Segment

    text = "kind: model-contract\n" + yaml_text
    (document,) = loader.load("d.yaml", Segment(text, "yaml"), loader.Limits(walked=True)).documents
    assert document.walked is not None
    jsonpath.prime(document.value, document.walked)
    written = pattern.replace("\\", "\\\\").replace("'", "\\'")
    query = f"$..[?search(@, '{written}')]"
    found = jsonpath.compile_query(query)(document.value)
    assert [location for location, _ in found] == [("items", 0)]
    _same(found, _library(query, document.value))


def test_a_file_text_without_the_literals_is_not_searched_further(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from contractlint.pipeline import loader
    from contractlint.pipeline.source import Segment

    texts: list[Any] = []
    monkeypatch.setattr(jsonpath, "_text", lambda *args: texts.append(args) or "")
    query = jsonpath.compile_query("$..[?search(@, '[Ss]ecret|token=')]")
    for text, read in (("a: no\n", False), ("a: my Secret\n", True), ('a: "\\x41"\n', True)):
        segment = Segment("kind: model-contract\n" + text, "yaml")
        (document,) = loader.load("d.yaml", segment, loader.Limits(walked=True)).documents
        assert document.walked is not None
        jsonpath.prime(document.value, document.walked)
        texts.clear()
        query(document.value)
        assert bool(texts) is read, text


@pytest.mark.parametrize("pattern", ["(secret", "a{,2}", "[ab", "ab\\\\", "a{1", "a{x}"])
def test_a_search_for_what_is_no_i_regexp_finds_nothing(pattern: str) -> None:
    """A pattern the library does not take as an I-Regexp matches nothing, and the
    screen does not read it (it would fail on it)."""
    query = f"$..[?search(@, '{pattern}')]"
    document = {"a": ["(secret", "ab", "a{1"], "b": {"c": "a{x}"}}
    _same(jsonpath.compile_query(query)(document), _library(query, document))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_screen_fails_as_the_library_does_on_a_document_too_deep_for_dotdot(fmt: str) -> None:
    """With the loader allowing deeper nesting than ``..`` may go (`max-depth` above
    100), a search anywhere meets the library's depth limit, as the library does,
    whether or not the document holds the pattern."""
    import json

    from contractlint.pipeline import loader
    from contractlint.pipeline.source import Segment

    nest: Any = "plain"
    for _ in range(110):
        nest = {"n": nest}
    text = json.dumps({"kind": "model-contract", "nest": nest})  # JSON is YAML too
    limits = loader.Limits(max_depth=128, walked=True)
    (document,) = loader.load(f"d.{fmt}", Segment(text, fmt), limits).documents
    assert document.walked is not None
    jsonpath.prime(document.value, document.walked)
    query = jsonpath.compile_query("$..[?search(@, 'secret')]")
    with pytest.raises(jsonpath_rfc9535.JSONPathRecursionError):
        query(document.value)
    with pytest.raises(jsonpath_rfc9535.JSONPathRecursionError):
        _library("$..[?search(@, 'secret')]", document.value)


def test_hundreds_of_nested_groups_are_left_to_regex() -> None:
    assert jsonpath._plain_pattern("(" * 100 + "a" + ")" * 100) is not None
    assert jsonpath._plain_pattern("(" * 101 + "a" + ")" * 101) is None


def test_a_recording_deeper_than_dotdot_may_go_is_not_read() -> None:
    """A recording whose loader allowed deeper nesting than the library's limit is not
    read: the walk meets the limit, and fails as the library does."""
    from contractlint.model import Walked

    document: Any = {"a": 1}
    for _ in range(120):
        document = {"a": document}
    walked = Walked([((), document)], 200, lambda: "", "")
    jsonpath.prime(document, walked)
    with pytest.raises(jsonpath_rfc9535.JSONPathRecursionError):
        jsonpath.compile_query("$..a")(document)
    with pytest.raises(jsonpath_rfc9535.JSONPathRecursionError):
        _library("$..a", document)


def test_a_search_anywhere_reads_the_joined_strings_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen is used: a document without a match is not searched string by string."""
    texts: list[str] = []
    real = jsonpath._text

    def text(root: Any, limit: int, token: Any) -> str:
        texts.append(real(root, limit, token))
        return texts[-1]

    monkeypatch.setattr(jsonpath, "_text", text)
    document = {"a": ["one", {"b": "two"}], "c": "three"}
    assert jsonpath.compile_query("$..[?search(@, 'secret')]")(document) == []
    assert texts == ["three\none\ntwo"]  # the library's order: a mapping's values first


# RFC 9535's name-first and name-char, with the characters jsonpath-rfc9535 1.0.1
# misreads after a name's first (U+1100 to U+D7FF: Hangul, CJK, kana) well represented.
_name_first = st.one_of(
    st.sampled_from("abzAZ_éΣ名前氏データ한"),
    st.characters(min_codepoint=0x80, max_codepoint=0xD7FF),
    st.characters(min_codepoint=0xE000, max_codepoint=0x10FFFF),
)
_name_char = st.one_of(_name_first, st.sampled_from("09"))
_names = st.builds(
    lambda first, rest: first + "".join(rest), _name_first, st.lists(_name_char, max_size=4)
)


@settings(max_examples=300, deadline=None)
@given(
    names=st.lists(_names, min_size=1, max_size=3),
    steps=st.lists(st.sampled_from([".", "..", "[?@.", "[*]."]), min_size=1, max_size=3),
    values=st.lists(st.integers(0, 3), min_size=1, max_size=3),
)
def test_a_shorthand_name_selects_what_the_same_name_in_brackets_selects(
    names: list[str], steps: list[str], values: list[int]
) -> None:
    """RFC 9535 (2.5.1.1): `.name` is `['name']`, for any name-first and name-char. The
    library's lexer refuses `$.名前` (its second character), so contractlint reads such
    a name in brackets; the library itself, given the brackets, is the oracle."""
    shorthand, bracketed = "$", "$"
    for step, name in zip(steps, names):
        if step == "[?@.":
            shorthand += f"[?@.{name}]"
            bracketed += f"[?@['{name}']]"
        else:
            shorthand += f"{step}{name}"
            bracketed += {".": "", "..": "..", "[*].": "[*]"}[step] + f"['{name}']"
    document: Any = {names[0]: [{n: v for n, v in zip(names, values)}, {names[-1]: {names[0]: 1}}]}
    document[names[-1]] = {n: {n: v} for n, v in zip(names, values)}
    _same(jsonpath.compile_query(shorthand)(document), _library(bracketed, document))


def test_a_name_the_library_misreads_is_read_in_brackets_and_other_mistakes_still_fail() -> None:
    with pytest.raises(jsonpath_rfc9535.JSONPathSyntaxError):
        jsonpath_rfc9535.compile("$.名前")  # the slip: if the library mends it, this can go
    assert jsonpath.compile_query("$.名前.氏名")({"名前": {"氏名": 1}}) == [(("名前", "氏名"), 1)]
    with pytest.raises(ValueError, match=r"unbalanced brackets.*\$\['名前'\]\["):
        jsonpath.parse("$.名前[")
    with pytest.raises(jsonpath_rfc9535.JSONPathSyntaxError):
        jsonpath.parse("$.a[")  # no name in brackets: the library's own error
    with pytest.raises(jsonpath_rfc9535.JSONPathSyntaxError):
        jsonpath.parse("$.1名前")  # a digit never starts a shorthand name
