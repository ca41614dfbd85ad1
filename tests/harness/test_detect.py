"""``--profile auto`` (issue 15, item 4): the profile chosen from a module's answers, matched against the
profiles' data; an unknown or ambiguous module is an error that lists what it answered."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import pytest

from emulator.module import Module
from emulator.profiles import PROFILES
from emulator.server import EmulatorServer
from harness.detect import GENERIC, AmbiguousModule, UnknownModule, choose, detect, model_answers
from harness.errors import LinkError, TargetSilent
from harness.profiles import Profile, all_profiles
from tests.faulty_targets import serve, silent


def _profile(name: str, model: str, **data: object) -> Profile:
    return Profile(
        name=name, document="doc", dialect_name="telit", model=model, technology="4G",
        id_ranges=(("ssid", range(1, 2)),), data={"model": model, **data},
    )  # fmt: skip


PROFILES_A = {
    "v/he910": _profile("v/he910", "HE910", manufacturer="Telit"),
    "v/le910-v2": _profile("v/le910-v2", "LE910 V2", manufacturer="Telit"),
    "q/m95": _profile("q/m95", "M95", manufacturer="Quectel"),
    "q/m10": _profile("q/m10", "M10", manufacturer="Quectel"),
    "f/l610": _profile("f/l610", "L610"),
}


# --------------------------------------------------------------------------------------------------- matching


def test_the_model_answer_of_cgmm_names_the_profile() -> None:
    # telit-ssl-ug §4.3.1: AT+CGMM answers the bare model name.
    profile, reason = choose({"ATI": "Telit", "AT+CGMI": "Telit", "AT+CGMM": "HE910"}, PROFILES_A)
    assert profile.name == "v/he910"
    assert (
        reason
        == "detected: AT+CGMM answered 'HE910', which is the model 'HE910' of v/he910, and AT+CGMI answered 'Telit'"
    )


@pytest.mark.parametrize(
    ("cgmm", "expected"),
    [
        ("le910  v2", "v/le910-v2"),  # case and runs of blanks aside
        ('+CGMM: "L610"', "f/l610"),  # a prefix and quotes some firmwares print
        ("M95", "q/m95"),
    ],
)
def test_cgmm_forms(cgmm: str, expected: str) -> None:
    assert choose({"AT+CGMM": cgmm}, PROFILES_A)[0].name == expected


def test_cgmm_wins_over_other_lines() -> None:
    # Negative control of the order: ATI mentions another model; +CGMM decides.
    assert choose({"ATI": "M10", "AT+CGMM": "M95"}, PROFILES_A)[0].name == "q/m95"


def test_without_cgmm_a_whole_line_of_ati_names_the_model() -> None:
    answers = {"ATI": "Quectel\nM95\nRevision: M95FAR02A08"}
    profile, reason = choose(answers, PROFILES_A)
    assert profile.name == "q/m95" and reason.startswith("detected: ATI answered 'M95'")


def test_a_model_standing_as_a_word_inside_a_line() -> None:
    profile, reason = choose({"ATI": "Telit HE910"}, PROFILES_A)
    assert profile.name == "v/he910" and "which names the model 'HE910'" in reason
    # ...but not as part of a longer word: a revision M10FBR01A01 is not the M10.
    with pytest.raises(UnknownModule):
        choose({"AT+CGMR": "M10FBR01A01"}, PROFILES_A)


def test_model_answers_of_the_profile_data_are_model_answers_too() -> None:
    # A firmware that prints a shorter model name than the document's (EC200M for EC200M-CN).
    plain = {"q/ec200m-cn": _profile("q/ec200m-cn", "EC200M-CN")}
    profiles = {"q/ec200m-cn": _profile("q/ec200m-cn", "EC200M-CN", model_answers=["EC200M"])}
    assert model_answers(profiles["q/ec200m-cn"]) == ("EC200M-CN", "EC200M")
    assert choose({"AT+CGMM": "EC200M"}, profiles)[0].name == "q/ec200m-cn"
    with pytest.raises(UnknownModule):
        choose({"AT+CGMM": "EC200M"}, plain)  # negative control: without the data, unknown
    with pytest.raises(ValueError, match="model_answers must be a list of strings"):
        model_answers(_profile("x/y", "Y", model_answers="Y2"))


def test_a_manufacturer_that_disagrees_is_no_match_and_says_so() -> None:
    with pytest.raises(
        UnknownModule, match=r"'HE910' is the model of v/he910, but AT\+CGMI answered 'Acme', not 'Telit'"
    ):
        choose({"AT+CGMI": "Acme", "AT+CGMM": "HE910"}, PROFILES_A)
    # A manufacturer string that contains the profile's as a word agrees.
    assert choose({"AT+CGMI": "Telit Communications S.p.A.", "AT+CGMM": "HE910"}, PROFILES_A)[0].name == "v/he910"


def test_an_unknown_module_lists_its_answers_and_the_known_profiles() -> None:
    with pytest.raises(UnknownModule) as e:
        choose({"ATI": "Acme", "AT+CGMM": "X1\nrev 2"}, PROFILES_A)
    text = str(e.value)
    assert "no known profile fits this module" in text
    assert "ATI -> 'Acme'; AT+CGMM -> 'X1 | rev 2'" in text
    assert "f/l610 (L610), q/m10 (M10), q/m95 (M95), v/he910 (HE910), v/le910-v2 (LE910 V2)" in text
    with pytest.raises(UnknownModule, match="nothing \\(every identification command was refused\\)"):
        choose({}, PROFILES_A)


def test_two_profiles_with_the_same_model_are_ambiguous_and_named() -> None:
    profiles = {**PROFILES_A, "w/he910": _profile("w/he910", "HE910")}
    with pytest.raises(AmbiguousModule, match=r"fit 2 profiles: v/he910 \(AT\+CGMM 'HE910'\); w/he910"):
        choose({"AT+CGMM": "HE910"}, profiles)


def test_no_two_profiles_of_the_vectors_share_a_model_answer() -> None:
    seen: dict[str, str] = {}
    for name, profile in all_profiles().items():
        for answer in model_answers(profile):
            key = " ".join(answer.split()).upper()
            assert key not in seen, (
                f"{name} and {seen[key]} both answer {answer!r}: --profile auto cannot tell them apart"
            )
            seen[key] = name


# ------------------------------------------------------------------------------ against modules on a socket


@contextmanager
def standalone(name: str) -> Iterator[str]:
    """The emulated product ``name`` served on an ephemeral loopback port, as ``python -m emulator`` does."""
    module = Module(PROFILES[name], instances=1)
    server = EmulatorServer(module, port=0)
    try:
        (endpoint,) = server.start()
        yield f"socket://127.0.0.1:{endpoint.port}"
    finally:
        server.close()
        module.close()


#: Every registered profile the emulator plays (a document registered later joins by itself).
EMULATED = sorted(n for n in all_profiles() if n in PROFILES)


@pytest.mark.parametrize("name", EMULATED)
def test_every_emulated_product_is_detected_as_its_profile(name: str) -> None:
    with standalone(name) as url:
        found = detect(url, all_profiles(), timeout=2.0)
    assert found.profile.name == name, found.reason
    assert found.reason.startswith("detected: AT+CGMM answered") and found.url == url
    assert "tx  AT+CGMM<CR>" in found.transcript


def fake(answers: Mapping[str, str]) -> Callable[[socket.socket], None]:
    """A module that answers OK to AT, each command of ``answers`` with its text and OK, ERROR to the rest."""

    def behaviour(conn: socket.socket) -> None:
        conn.settimeout(5)
        pending = b""
        while True:
            try:
                chunk = conn.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            pending += chunk
            while b"\r" in pending:
                raw, pending = pending.split(b"\r", 1)
                line = raw.decode().strip().upper()
                if line == "AT":
                    conn.sendall(b"\r\nOK\r\n")
                elif line in answers:
                    conn.sendall(
                        b"".join(b"\r\n" + t.encode() + b"\r\n" for t in answers[line].splitlines()) + b"\r\nOK\r\n"
                    )
                else:
                    conn.sendall(b"\r\nERROR\r\n")

    return behaviour


def test_an_unknown_module_on_a_socket_is_reported_with_what_it_answered() -> None:
    with serve(fake({"AT+CGMI": "Acme", "AT+CGMM": "Rocket 9"})) as url, pytest.raises(UnknownModule) as e:
        detect(url, all_profiles(), timeout=2.0)
    text = str(e.value)
    assert "AT+CGMI -> 'Acme'; AT+CGMM -> 'Rocket 9'" in text and "telit/he910 (HE910)" in text


def test_the_dialects_own_commands_are_asked_when_the_generic_ones_name_nothing() -> None:
    # Generic identification refused; one of the dialects' own (quectel's AT+QGMR) prints the model.
    own = sorted({c for p in all_profiles().values() for c in p.dialect.identify} - set(GENERIC))
    assert own, "no dialect has identification commands of its own"
    with serve(fake({own[0]: "M95"})) as url:
        found = detect(url, all_profiles(), timeout=2.0)
    assert found.profile.name == "quectel-gsm/m95" and found.answers == {own[0]: "M95"}
    # Negative control: the generic commands alone leave it unknown.
    with pytest.raises(UnknownModule):
        choose({}, all_profiles())


def test_a_target_that_does_not_open_is_a_link_error() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now
    with pytest.raises(LinkError, match="cannot open the link"):
        detect(f"socket://127.0.0.1:{port}", all_profiles(), timeout=1.0)


def test_a_silent_target_is_asked_twice_then_reported_silent() -> None:
    with serve(silent) as url, pytest.raises(TargetSilent):
        detect(url, all_profiles(), timeout=0.3)
