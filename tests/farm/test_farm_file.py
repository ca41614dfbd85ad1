"""The farm file (``--farm``): what it may say, the errors that say what to change, one worker per module,
and how the scheduler reads a test's profile from its node id (harness/plugin/farm.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.plugin.farm import FarmError, Module, check_workers, load, module_of_worker, profile_in
from harness.profiles import all_profiles

KNOWN = all_profiles()


def farm(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "farm.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_modules_in_file_order_with_their_optional_keys(tmp_path: Path) -> None:
    path = farm(
        tmp_path,
        """
        [[module]]
        name = "a"
        profile = "telit/he910"
        target = "rfc2217://127.0.0.1:7001"
        target2 = "rfc2217://127.0.0.1:7002"

        [[module]]
        profile = "quectel-gsm/m95"
        target = "/dev/ttyUSB2"
        """,
    )
    assert load(path, KNOWN) == [
        Module("telit/he910", "rfc2217://127.0.0.1:7001", "rfc2217://127.0.0.1:7002", "a"),
        Module("quectel-gsm/m95", "/dev/ttyUSB2"),
    ]
    assert load(path, KNOWN)[1].label == "/dev/ttyUSB2"  # no name: the target names it


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[[module]]\nprofile = "telit/he911"\ntarget = "socket://h:1"', "unknown profile 'telit/he911'; known:"),
        ('[[module]]\nprofile = "telit/he910"', "missing target (a pyserial URL"),
        ('[[module]]\ntarget = "socket://h:1"', "missing profile"),
        ('[[module]]\nprofile = "telit/he910"\ntarget = "socket://h:1"\ntarget_2 = "x"', "unknown key(s) target_2"),
        ('[[modules]]\nprofile = "telit/he910"', "unknown key(s) modules"),
        ("", "no [[module]] table"),
        ('[[module]]\nprofile = "telit/he910"\ntarget = ""', "target must be a non-empty string"),
        ('[[module]\nprofile = "telit/he910"', "not TOML"),
        (
            '[[module]]\nprofile = "telit/he910"\ntarget = "emulator://telit/he910"\n'
            '[[module]]\nprofile = "telit/he910"\ntarget = "emulator://telit/he910"',
            "both called emulator://telit/he910: give each a distinct name",
        ),
    ],
)
def test_a_wrong_file_is_an_error_that_says_what_to_change(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(FarmError) as e:
        load(farm(tmp_path, text), KNOWN)
    assert says in str(e.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FarmError, match="no such file"):
        load(tmp_path / "none.toml", KNOWN)


def test_one_worker_per_module() -> None:
    two = [Module("telit/he910", "emulator://telit/he910", name=n) for n in "ab"]
    check_workers("f.toml", two, 2)
    with pytest.raises(FarmError, match=r"lists 2 module\(s\): run one pytest-xdist worker per module, -n 2"):
        check_workers("f.toml", two, None)
    with pytest.raises(FarmError, match=r"more than the 1 worker\(s\) of -n 1: give -n 2 .*or remove modules"):
        check_workers("f.toml", two, 1)
    with pytest.raises(FarmError, match=r"fewer than the 3 worker\(s\) of -n 3: give -n 2"):
        check_workers("f.toml", two, 3)


def test_worker_k_drives_module_k() -> None:
    three = [Module("telit/he910", f"socket://h:{i}") for i in range(3)]
    assert [module_of_worker(f"gw{k}", three) for k in range(4)] == [0, 1, 2, 0]


@pytest.mark.parametrize(
    ("nodeid", "expected"),
    [
        ("t.py::test_a[telit/he910]", "telit/he910"),
        ("t.py::test_a[telit/he910-AT#SSLO=1]", "telit/he910"),
        ("t.py::test_a[quectel-gsm/m95-3]", "quectel-gsm/m95"),
        ("t.py::test_a[x-telit/le866]", "telit/le866"),
        ("t.py::test_a[telit/he9100]", None),
        ("t.py::test_a", None),
    ],
)
def test_the_profile_of_a_node_id(nodeid: str, expected: str | None) -> None:
    assert profile_in(nodeid, sorted(KNOWN)) == expected
