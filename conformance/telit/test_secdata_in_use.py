"""Security data stored by #SSLSECDATA and then used in a handshake: a CA in RAM (<Action> 3), a CA in DER whose
bytes include BS, ESC and Ctrl-Z, and the <Size> range of the test form (telit-ssl-ug §4.4, §4.7.3.2.1).

Everything is stored in RAM, so that these tests need no permission to write the module's NVM.
"""

from __future__ import annotations

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import (
    BS,
    CA_CERT,
    CTRL_Z,
    ESC,
    STORE_RAM,
    configure,
    dial,
    records_after_close,
    ssls,
    store,
)
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from harness.ranges import parse_ranges
from servers.pki import Pki
from servers.scenarios import CATALOG, by_id

CLAUSE = "telit-ssl-ug §4.4"
pytestmark = [pytest.mark.spec("telit-ssl-ug", "4.4"), pytest.mark.erratum("TSU-36")]
#: Scenarios whose root a DER store can carry, largest root first (the more bytes, the surer all three controls
#: occur in it).
DER_CANDIDATES = ("large-root", "valid", "valid-ecdsa")


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.parametrize("right", [True, False], ids=["its-root", "another-root"])
def test_ca_stored_in_ram_authenticates(
    modem: Modem, profile: Profile, pki: Pki, ready: None, serve: Serve, right: bool
) -> None:
    # §4.4 <Action> 3 "store security data in RAM"; <DataType> 1 "is used to authenticate the remote server".
    # The control: another root in RAM, and the same server is refused.
    server = serve("valid")
    ca = server.config.ca.pem if right else pki.roots["untrusted"].pem
    expect_ok(store(modem, profile, CA_CERT, pem_lf(ca), action=STORE_RAM), f"{CLAUSE} <Action> 3")
    configure(modem, profile, auth=1)
    r = dial(modem, server.config)
    if right:
        expect_ok(r, f"{CLAUSE}: the CA stored in RAM authenticates its server")
        (record,) = records_after_close(modem, server)
        assert record.handshake_done, record.describe()
    else:
        expect_error(r, f"{CLAUSE}: with another root stored in RAM the server cannot be authenticated")


@pytest.mark.spec("telit-ssl-ug", "4.7.3.2.1")
@pytest.mark.needs("cert_format")
@pytest.mark.parametrize("right", [True, False], ids=["its-root", "another-root"])
def test_der_ca_with_control_bytes_authenticates(
    modem: Modem, profile: Profile, pki: Pki, ready: None, serve: Serve, right: bool
) -> None:
    # §4.4: "DER format uses the binary format; therefore, the reserved chars "backspace" and "escape" are not
    # interpreted as control characters"; "When <size> bytes are downloaded, the security data is stored";
    # §4.7.3.2.1: then the module "is ready for SSL socket dial". A root whose DER holds BS, ESC and Ctrl-Z:
    # were any of them taken as a control, the stored root would differ and authentication fail.
    chosen = next(
        (s for s in DER_CANDIDATES if all(b in serve_root_der(pki, s) for b in (BS, ESC, CTRL_Z))), None
    )
    assert chosen is not None, f"no farm root among {DER_CANDIDATES} holds 0x08, 0x1A and 0x1B in its DER"
    server = serve(chosen)
    der = server.config.ca.der.read_bytes() if right else pki.roots["untrusted"].der.read_bytes()
    configure(modem, profile, auth=1, der=True)
    expect_ok(store(modem, profile, CA_CERT, der, der=True, action=STORE_RAM), "telit-ssl-ug §4.7.3.2.1")
    r = dial(modem, server.config)
    if right:
        expect_ok(r, f"telit-ssl-ug §4.7.3.2.1: the DER root ({len(der)} bytes, BS/ESC/Ctrl-Z inside) authenticates")
    else:
        expect_error(r, f"{CLAUSE}: with another DER root the server cannot be authenticated")


def serve_root_der(pki: Pki, scenario: str) -> bytes:
    """The DER of the root a farm scenario's chain leads to (the scenario's ``trust``, else the RSA root)."""
    return pki.roots[by_id(scenario).trust].der.read_bytes()


def secdata_ranges(modem: Modem) -> tuple[list[frozenset[int]], Response]:
    """The ranges of the #SSLSECDATA test form (§4.4: "Use the AT#SSLSECDATA=? test command to know the <Size>
    range"), and its answer; an assertion error when it gives no list of ranges."""
    r = expect_ok(modem.command("AT#SSLSECDATA=?"), CLAUSE)
    (line,) = [x for x in r.lines if x.startswith("#SSLSECDATA:")] or [""]
    try:
        return parse_ranges(line.split(":", 1)[1].strip()), r
    except (ValueError, IndexError) as e:
        raise AssertionError(f"{CLAUSE}: #SSLSECDATA=? gives no list of ranges; {r.describe()}") from e


def size_limit(modem: Modem) -> int | None:
    """The largest <Size> of the #SSLSECDATA test form, or None when the form gives no fourth range."""
    ranges, _ = secdata_ranges(modem)
    return max(ranges[3]) if len(ranges) > 3 else None


#: The farm's oversized roots, smallest first: the scenarios whose root a module may not hold (those the catalog has).
OVERSIZED = tuple(s.id for s in CATALOG if s.id in ("large-root", "huge-root"))


@pytest.mark.erratum("TSU-30", "TSU-42")
def test_server_with_a_root_over_the_size_limit_cannot_be_authenticated(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # §4.4: "The maximum size of security data depends on the used module. If a remote server has a certificate
    # larger than the maximum size supported by the module, the authentication fails": the farm's large root,
    # over the module's <Size> maximum, cannot be stored whole, and <auth_mode> 1 must then refuse its server
    # (errata TSU-42). The control: test_ca_stored_in_ram_authenticates (a root within the limit authenticates).
    largest = size_limit(modem)
    # The farm's large root (over telit-gsm-ssl's 2047) or, where that fits, its huge one (over 8192).
    for scenario in OVERSIZED:
        server = serve(scenario)
        big = pem_lf(server.config.ca.pem)
        if largest is not None and len(big) > largest:
            break
    else:
        pytest.skip(f"not run: the farm's largest root ({len(big)} bytes) is within this module's <Size> maximum "
                    f"({largest}); the clause applies to larger certificates only")
    modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}")  # no CA left from an earlier test (result not judged: setup)
    stored = store(modem, profile, CA_CERT, big, action=STORE_RAM)  # over the limit: refused (TSU-30 judges that)
    configure(modem, profile, auth=1)
    r = dial(modem, server.config)
    expect_error(r, f"{CLAUSE}: a server whose root ({len(big)} bytes) exceeds the module's maximum ({largest}) "
                    f"cannot be authenticated (the store answered {stored.final.text})")
    assert ssls(modem)[:2] == ["1", "1"], f"{CLAUSE}, §5: the refused dial leaves the socket closed"


@pytest.mark.needs("cert_format")
@pytest.mark.erratum("TSU-30")
def test_size_range_ends(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    # §4.4 <Size>: "Use the AT#SSLSECDATA=? test command to know the <Size> range": its largest value is
    # accepted (DER: "When <size> bytes are downloaded, the security data is stored and an OK message is
    # displayed"), one more is refused.
    ranges, r = secdata_ranges(modem)
    assert len(ranges) == 4, f"{CLAUSE}: <storeId>, <Action>, <DataType>, <Size>; {r.describe()}"
    largest = max(ranges[3])
    configure(modem, profile, auth=0, der=True)
    blob = (pki.roots["rsa"].der.read_bytes() * (largest // 256 + 2))[: largest + 1]
    line_max = f"AT#SSLSECDATA=1,{STORE_RAM},{CA_CERT},{largest}"
    expect_ok(modem.command(line_max, data=blob[:largest], timeout=DIAL_TIMEOUT), f"{CLAUSE}: <Size> {largest}")
    line_over = f"AT#SSLSECDATA=1,{STORE_RAM},{CA_CERT},{largest + 1}"
    expect_error(modem.command(line_over, data=blob, timeout=DIAL_TIMEOUT), f"{CLAUSE}: <Size> {largest + 1}")
