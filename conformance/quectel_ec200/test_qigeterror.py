"""+QIGETERROR: the result code of the last SSL command (quectel-ec200-ssl §5, Table 5)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.quectel_ec200.common import COMMANDS, clause, error_code, qsslcfg
from harness.checks import expect_error, expect_ok
from harness.modem import Modem

pytestmark = [pytest.mark.spec("quectel-ec200-ssl", "5"), pytest.mark.erratum("QEC-13", "QEC-14")]
CODES: dict[str, Any] = COMMANDS["result_codes"]
INVALID = 552  # "Invalid parameter"


def test_an_invalid_parameter_gives_552_and_success_gives_0(modem: Modem) -> None:
    expect_error(qsslcfg(modem, "sslversion", 0, 5), clause("2.2.1"))
    assert error_code(modem) == INVALID, f"{clause('5')}: after <SSL_version> 5: 552 '{CODES[str(INVALID)]}'"
    expect_error(modem.command("AT+QSSLRECV=12,100"), clause("2.2.4"))
    assert error_code(modem) == INVALID, f"{clause('5')}: after <clientID> 12: 552 '{CODES[str(INVALID)]}'"
    # Control: after a command that succeeds, 0 "Operation successful".
    expect_ok(qsslcfg(modem, "sslversion", 0, 4), clause("2.2.1"))
    assert error_code(modem) == 0, f"{clause('5')}: after a successful +QSSLCFG: 0 '{CODES['0']}'"


def test_every_code_is_in_table_5(modem: Modem) -> None:
    # Whatever the last SSL command was, the answer is one of Table 5's codes.
    for line in ("AT+QSSLCLOSE=12", 'AT+QSSLCFG="sni",0,1'):
        modem.command(line)
        code = error_code(modem)
        assert str(code) in CODES, f"{clause('5')}: {code} after {line} is not in Table 5"
