"""Small pieces of the harness: ranges, transcript rendering, replay parsing, profiles, vectors."""

from __future__ import annotations

import pytest

from harness.profiles import all_profiles, get_profile
from harness.ranges import parse_ranges
from harness.replay import parse
from harness.transcript import FOLD_OVER, Transcript, show
from harness.vectors import erratum, load, load_merged


def test_ranges_of_the_documents_test_forms() -> None:
    assert parse_ranges("(1-6),(1-5),(0-1500),(0),(0,1)") == [
        frozenset(range(1, 7)),
        frozenset(range(1, 6)),
        frozenset(range(0, 1501)),
        frozenset({0}),
        frozenset({0, 1}),
    ]
    assert parse_ranges("(-20-0)") == [frozenset(range(-20, 1))]


@pytest.mark.parametrize("text", ["", "1,2", "(1),2", "(a-b)", "((1))"])
def test_ranges_refuse_what_is_not_a_range_list(text: str) -> None:
    with pytest.raises(ValueError):
        parse_ranges(text)


def test_control_bytes_are_named() -> None:
    assert show(b"AT\r\n>\x1a\x00\x1b\x7f") == "AT<CR><LF>><SUB><NUL><ESC>\\x7f"


def test_long_chunks_are_folded_but_kept() -> None:
    t = Transcript(name="t")
    t.rx(b"x" * (FOLD_OVER + 100))
    assert "bytes folded" in t.rendered()
    assert len(t.entries[0].data) == FOLD_OVER + 100


def test_replay_grammar_errors_name_the_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse("1> AT\nOK\n", {})
    with pytest.raises(ValueError, match="no command"):
        parse("2< OK\n", {})


def test_placeholders_come_from_the_profile() -> None:
    steps = parse("1> AT+CGMM\n1< {model}\n1< OK\n", {"model": "HE910"})
    assert steps[0].expected == ("HE910", "OK")


def test_every_profile_loads_and_cites_a_source() -> None:
    profiles = all_profiles()
    assert {
        "telit/ge865",
        "telit/ge910",
        "telit/gl865-v3",
        "telit/he910",
        "telit/le910-v2",
        "telit/le866",
        "telit-gsm/gc864",
    } <= set(profiles)
    assert {p.platform for p in profiles.values()} >= {10, 12, 13, 16, 20, 23}
    for p in profiles.values():
        assert p["source"], p.name
        if p.document in ("telit-ssl-ug", "telit-gsm-ssl"):  # the #SSLCFG test form of each Telit module
            parse_ranges(p["sslcfg_test"])


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"known: .*telit-gsm/gc864, telit/ge865"):
        get_profile("telit/he911")


def test_every_erratum_has_a_decision_and_a_reason() -> None:
    for entry_id, entry in load_merged("errata").items():
        assert {"source", "issue", "decision", "reason"} <= set(entry), entry_id
    with pytest.raises(KeyError, match="TSU-99"):
        erratum("TSU-99")


def test_cipher_ids_match_the_ranges_of_each_form() -> None:
    ciphers, forms = load("telit/ciphers"), load("telit/commands")["sslseccfg"]["forms"]
    for form, spec in forms.items():
        ids = sorted(int(k) for k in ciphers[form] if k.isdigit())
        assert ids == list(range(1, spec["ciphers"][1] + 1)), form
        assert spec["ciphers"][0] == 0  # 0: the server chooses among the platform's table


def test_secrets_are_never_rendered_even_when_echoed() -> None:
    key = (
        b"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretsecretsecret\n"
        b"AAAABBBBCCCCDDDDEEEE\n-----END RSA PRIVATE KEY-----\n"
    )
    t = Transcript(name="t")
    t.add_secret(key)
    t.tx(b"<secret: 99 bytes not recorded>")
    t.rx(key.replace(b"\n", b"\r\n") + b"\r\nOK\r\n")  # a module echoing the key with CR LF line ends
    text = t.rendered()
    assert b"MIIEowIBAAKCAQEAsecretsecretsecret".decode() not in text
    assert "AAAABBBBCCCCDDDDEEEE" not in text
    assert "<redacted>" in text and "OK<CR><LF>" in text
