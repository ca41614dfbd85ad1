"""No secret reaches any file or output of a run (issue 5, "Redaction").

The proof runs ``python -m harness run`` with known APN credentials, on tests that upload the client key
and log in to the FTPS server, plus a deliberate leak: a fixture that prints a private key, logs the
passwords and fails a test with both in its message. Then it searches every file the run wrote, and its
terminal output, for every secret. The negative control searches the same files the same way for the
CA certificate's lines, which the run uploads too and which are not secret: they must be found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness import redaction
from servers.scenarios import FTPS_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
APN_USER = "apn-user-5b71c0"
APN_PASSWORD = "apn-pw-e4a9d2"

# A plugin loaded into the child run: it hands us the keys of the PKI the run builds, and leaks them.
LEAKER = '''
import json, logging, os
import pytest

KEYS = []

@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    result = yield
    if fixturedef.argname == "pki":
        for cred in result.credentials.values():
            for path in (cred.key_files.pkcs8_pem, cred.key_files.pkcs1_pem):
                if path is not None:
                    KEYS.append(path.read_text())
        with open(os.environ["LEAK_KEYS_TO"], "w") as f:
            json.dump({"keys": KEYS, "ca": result.root_pem("rsa").read_text()}, f)
    return result

@pytest.fixture(autouse=True)
def leak(request):
    yield
    if "client_certificate_and_key" in request.node.nodeid and KEYS:
        print("a careless test prints the key:", KEYS[0])
        logging.getLogger("careless").warning("passwords %s %s", os.environ["MODEM_APN_PASSWORD"], "FTPS_PW")
        pytest.fail(f"deliberate leak: {KEYS[-1]} apn {os.environ['MODEM_APN_PASSWORD']}")
'''.replace("FTPS_PW", FTPS_PASSWORD)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, object]]:
    tmp = tmp_path_factory.mktemp("redaction")
    (tmp / "leaker.py").write_text(LEAKER)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODEM_")}
    env.update(
        PYTHONPATH=str(tmp),
        LEAK_KEYS_TO=str(tmp / "keys.json"),
        MODEM_APN_PASSWORD=APN_PASSWORD,  # one credential by environment, the other by option
    )
    proc = subprocess.run(
        [
            sys.executable, "-m", "harness", "run", "--reports", str(tmp / "reports"), "-p", "leaker",
            "--profile", "telit/he910", "--apn-user", APN_USER,
            "-k", "client_certificate_and_key or auth_mode_2_presents or (test_example and -7.1])",
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return tmp, proc.stdout + proc.stderr, json.loads((tmp / "keys.json").read_text())


def _outputs(tmp: Path, terminal: str) -> dict[str, str]:
    written = [p for p in (tmp / "reports").rglob("*") if p.is_file()]
    files = {str(p.relative_to(tmp)): p.read_text(encoding="utf-8") for p in written}
    assert {Path(name).name for name in files} == {"report.html", "results.json", "junit.xml"}
    return {**files, "terminal output": terminal}


def _pieces(pem: str) -> list[str]:
    return [line for line in pem.splitlines() if len(line) >= redaction.PIECE and not line.startswith("-----")]


def test_no_secret_in_any_output(run: tuple[Path, str, dict[str, object]]) -> None:
    tmp, terminal, leaked = run
    keys = leaked["keys"]
    assert isinstance(keys, list) and len(keys) >= 10, "the run built the PKI and the leaker saw its keys"
    secrets = [APN_USER, APN_PASSWORD, FTPS_PASSWORD] + [p for key in keys for p in _pieces(str(key))]
    found = [
        f"{name}: {secret[:12]}…"
        for name, text in _outputs(tmp, terminal).items()
        for secret in secrets
        if secret in text
    ]
    assert not found, f"secrets written: {found}"


def test_the_leaks_happened_and_were_redacted(run: tuple[Path, str, dict[str, object]]) -> None:
    tmp, terminal, _ = run
    outputs = _outputs(tmp, terminal)
    results = json.loads(next(v for k, v in outputs.items() if k.endswith("results.json")))
    verdicts = {t["id"].split("::")[1]: t for t in results["tests"]}
    leaky = next(t for name, t in verdicts.items() if "client_certificate_and_key" in name)
    # The leak fails the leaker's fixture at teardown: an error, whose message keeps the words around the secrets.
    assert leaky["verdict"] == "error" and "deliberate leak" in leaky["message"]
    ftps = next(t for name, t in verdicts.items() if name.startswith("test_example[") and name.endswith("-7.1]"))
    assert ftps["verdict"] == "pass", "the FTPS login (with the password) ran"
    for name, text in outputs.items():
        if not name.endswith("results.json"):
            assert "<redacted>" in text or "&lt;redacted&gt;" in text, f"{name} shows no redaction"
            if not name.endswith("junit.xml"):  # JUnit carries no captured output (junit_logging=no)
                assert "a careless test prints the key:" in text, f"{name} lacks the captured output that held a key"


def test_negative_control_public_certificate_lines_are_found(run: tuple[Path, str, dict[str, object]]) -> None:
    # The same search finds what is not secret: the CA certificate the tests upload (its first line: the
    # transcript folds the rest of a long upload).
    tmp, terminal, leaked = run
    first_line = _pieces(str(leaked["ca"]))[0]
    html = next(v for k, v in _outputs(tmp, terminal).items() if k.endswith("report.html"))
    assert first_line in html
