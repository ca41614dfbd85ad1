"""Test-form parsing (issue 10, item 1): plain lists of ranges, keyworded forms and value lists, from the
documents' own test-command answers."""

from __future__ import annotations

import pytest

from harness.ranges import TestForm, parse_ranges, parse_test_form


def r(a: int, b: int) -> frozenset[int]:
    return frozenset(range(a, b + 1))


@pytest.mark.parametrize(
    ("text", "keyword", "ranges"),
    [
        # telit-ssl-ug §4.3.2 (LE866): #SSLCFG=? as the Telit examples print it.
        ("(1-6),(1-5),(0-1500),(0-65535),(10-5000),(0-255),(0-2),(0),(0)", None,
         [r(1, 6), r(1, 5), r(0, 1500), r(0, 65535), r(10, 5000), r(0, 255), r(0, 2), {0}, {0}]),
        # quectel-gsm-ssl §2.2.4 / §2.2.5: +QSSLRECV: (0,1),(0-5),(1-1500).
        ("(0,1),(0-5),(1-1500)", None, [{0, 1}, r(0, 5), r(1, 1500)]),
        # quectel-ec200-ssl §2.2.1: +QSSLCFG: "sslversion",(range of <SSL_ctxID>s),(range of <SSL_version>s);
        # <SSL_ctxID> 0-5, <SSL_version> 0-4.
        ('"sslversion",(0-5),(0-4)', "sslversion", [r(0, 5), r(0, 4)]),
        ('"secllevel",(0-5),(0-2)', "secllevel", [r(0, 5), r(0, 2)]),
        # quectel-ec200-ssl §2.2.1: "ciphersuite" lists suites in hexadecimal (Table 3).
        ('"ciphersuite",(0-5),(0X0035,0X002F,0XFFFF)', "ciphersuite", [r(0, 5), {0x35, 0x2F, 0xFFFF}]),
        # fibocom-l610-ssl §1.5.2: +GTSSLCIPHER: (range of <cipalgid>s), (range of <cmd>s), a space after the comma.
        ("(1-31), (0,1)", None, [r(1, 31), {0, 1}]),
        # fibocom-l610-ssl §1.4.2: +GTSSLVER: (list of supported <sslver>s).
        ("(1,2,3,4)", None, [{1, 2, 3, 4}]),
        # fibocom-l610-ssl §1.3.4: <err code> 0 to -20.
        ("(-20-0)", None, [r(-20, 0)]),
    ],
)  # fmt: skip
def test_the_documents_test_forms(text: str, keyword: str | None, ranges: list[frozenset[int]]) -> None:
    assert parse_test_form(text) == TestForm(keyword, [frozenset(x) for x in ranges])
    if keyword is None:
        assert parse_ranges(text) == [frozenset(x) for x in ranges]


@pytest.mark.parametrize(
    "text",
    ["", "1,2", "(1),2", "(a-b)", "((1))", '"sslversion"', '"sslversion",', '"sslversion",0-5', '(0-5),"x"'],
)
def test_what_is_not_a_test_form_is_refused_naming_it(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_test_form(text)


def test_a_keyword_is_not_a_plain_range_list() -> None:
    # Telit's tests read plain lists: a keyword there is the module's deviation, not a form to accept.
    with pytest.raises(ValueError, match="not a list of parenthesised ranges"):
        parse_ranges('"sslversion",(0-5),(0-4)')
