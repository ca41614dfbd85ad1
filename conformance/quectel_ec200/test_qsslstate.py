"""+QSSLSTATE: the state of the SSL connections, all or one (quectel-ec200-ssl §2.2.6)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.quectel_ec200.common import CLIENT, COMMANDS, CTX, PDP, clause, state_rows
from conformance.quectel_ec200.conftest import Opened
from harness.checks import expect_ok
from harness.modem import Modem

pytestmark = pytest.mark.spec("quectel-ec200-ssl", "2.2.6")
CLAUSE = clause("2.2.6")
S: dict[str, Any] = COMMANDS["qsslstate"]


def test_test_form_answers_ok_alone(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSSLSTATE=?"), CLAUSE)
    assert list(r.lines) == S["test_answer"], f"{CLAUSE}: 'AT+QSSLSTATE=? Response OK'; {r.describe()}"


@pytest.mark.erratum("QEC-11")
@pytest.mark.parametrize("mode", [0, 1], ids=["buffer", "direct-push"])
def test_all_and_one_list_the_eleven_fields(modem: Modem, opened: Opened, mode: int) -> None:
    server = opened(mode).config
    rows = [row for row in state_rows(modem) if row[0] == str(CLIENT)]
    assert len(rows) == 1, f"{CLAUSE}: AT+QSSLSTATE lists client {CLIENT} once"
    row = rows[0]
    assert len(row) == len(S["fields"]), f"{CLAUSE}: eleven fields {S['fields']}; got {row}"
    fields = dict(zip(S["fields"], row, strict=True))
    want = {"service": S["service"], "IP_address": server.host, "remote_port": str(server.port),
            "socket_state": str(S["socket_states"]["connected"]), "PDP_ctxID": str(PDP),
            "access_mode": str(mode), "SSL_ctxID": str(CTX)}  # fmt: skip
    wrong = {k: (fields[k], v) for k, v in want.items() if fields[k] != v}
    assert not wrong, f"{CLAUSE}: (got, expected) of each wrong field: {wrong}; row {row}"
    assert fields["local_port"].isdigit() and 0 <= int(fields["local_port"]) <= 65535, f"{CLAUSE}: <local_port> {row}"
    assert fields["AT_port"] in S["at_ports"], f"{CLAUSE}: <AT_port> is one of {S['at_ports']}: {row}"
    assert state_rows(modem, CLIENT) == [row], f"{CLAUSE}: AT+QSSLSTATE={CLIENT} answers the same line"
    # Control: a client never opened is not listed as connected.
    others = state_rows(modem, CLIENT + 1)
    assert all(r[5] == "0" for r in others), f"{CLAUSE}: client {CLIENT + 1} was never opened: {others}"
