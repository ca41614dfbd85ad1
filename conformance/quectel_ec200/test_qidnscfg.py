"""The DNS server address of §4 item 2: "an invalid DNS server address cannot convert domain name to IP address ...
check if the DNS server address is valid with AT+QIDNSCFG=<contextID>" (quectel-ec200-ssl §4; the command is
document [1]'s, errata QEC-23), and the code an unresolved name gives, 565 "DNS parse failed" (§5, errata QEC-13).

On a real module the context's DNS servers are read first and set back at the end, whatever happened.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

import pytest

from conformance.quectel_ec200.common import (
    COMMANDS,
    PDP,
    clause,
    expect_error_code,
    ssl_close,
    ssl_open,
    unquote,
)
from conformance.shared.servers import Serve
from harness.checks import expect_ok
from harness.modem import Modem

pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "4"),
    pytest.mark.spec("quectel-ec200-ssl", "5"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.2"),
    pytest.mark.erratum("QEC-13", "QEC-14", "QEC-21", "QEC-23"),
]
CLAUSE = clause("4")
D: dict[str, Any] = COMMANDS["qidnscfg"]
DNS_PARSE = 565  # Table 5: "DNS parse failed"


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def dns_servers(modem: Modem) -> tuple[str, str]:
    """``AT+QIDNSCFG=<contextID>``: ``+QIDNSCFG: <contextID>,<pridnsaddr>,<secdnsaddr>`` (errata QEC-23)."""
    r = expect_ok(modem.command(f"AT+QIDNSCFG={PDP}"), f"{CLAUSE} item 2: AT+QIDNSCFG=<contextID>")
    rows = [row for row in r.fields("+QIDNSCFG") if row and row[0] == str(PDP)]
    assert len(rows) == 1 and len(rows[0]) == 3, (
        f"{CLAUSE} item 2 (QEC-23): +QIDNSCFG: {PDP},<pridnsaddr>,<secdnsaddr>; {r.describe()}"
    )
    return unquote(rows[0][1]), unquote(rows[0][2])


def test_without_a_valid_dns_server_a_name_fails_with_565_and_an_address_opens(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    by_name, by_address = serve("valid").config, serve("ip-san").config
    if _is_address(by_name.host) or not _is_address(by_address.host):
        pytest.skip(f"{CLAUSE} item 2: not run: the farm needs a host name and an address ({by_name.host})")
    saved = dns_servers(modem)
    observe(f"{CLAUSE} item 2: the DNS servers of PDP context {PDP}: {saved[0]}, {saved[1]}")
    invalid = str(D["invalid"])
    try:
        expect_ok(modem.command(f'AT+QIDNSCFG={PDP},"{invalid}","{invalid}"'), f"{CLAUSE} item 2: set {invalid}")
        assert dns_servers(modem) == (invalid, invalid), f"{CLAUSE} item 2: +QIDNSCFG reads back what was set"
        r, code = ssl_open(modem, by_name)
        where = f"{CLAUSE} item 2: {by_name.host} with DNS server {invalid}"
        if r.ok:
            assert code == DNS_PARSE, f"{where}: +QSSLOPEN: <clientID>,{DNS_PARSE} 'DNS parse failed'; <err> {code}"
        expect_error_code(modem, DNS_PARSE, where, observe, after_ok=r.ok)
        ssl_close(modem)  # not judged: nothing should be open
        # Control: an address needs no DNS server.
        r, code = ssl_open(modem, by_address)
        assert r.ok and code == 0, f"{CLAUSE} item 2: {by_address.host} opens without DNS; {r.describe()}, {code}"
        ssl_close(modem)
    finally:
        modem.command(f'AT+QIDNSCFG={PDP},"{saved[0]}","{saved[1]}"')  # set back, judged below
    assert dns_servers(modem) == saved, f"{CLAUSE} item 2: the DNS servers are set back"
    # Control: with the servers set back, the name resolves again, and the code is 0.
    r, code = ssl_open(modem, by_name)
    assert r.ok and code == 0, f"{CLAUSE} item 2: {by_name.host} opens with its DNS servers back; {r.describe()}"
    expect_error_code(modem, 0, f"{clause('5')}: after a successful open", observe)
    ssl_close(modem)
