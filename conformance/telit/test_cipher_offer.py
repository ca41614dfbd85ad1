"""What the module offers in its ClientHello, as the farm records it: the suites of each <CipherSuite>
setting and the protocol version of each <version> (telit-ssl-ug §4.2.1, §4.2.2, §8.1, §3 Tab. 1)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve
from conformance.shared.tlsnames import version_name
from conformance.telit.common import seccfg2_platform, seccfg_form
from conformance.telit.sockets import SOCKETS, configure, dial, iana_code, records_after_close, suite_of, table
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.clienthello import ClientHelloInfo
from servers.suites import suite_by_code


def name_of(code: int) -> str:
    info = suite_by_code(code)
    return info.iana if info is not None else f"0x{code:04X}"


pytestmark = pytest.mark.spec("telit-ssl-ug", "8.1")


def hello(modem: Modem, serve: Serve) -> ClientHelloInfo:
    """Dial the farm and return the ClientHello the server recorded."""
    server = serve("valid")
    dial(modem, server.config)  # the handshake may fail: only the ClientHello is judged here
    (record,) = records_after_close(modem, server)
    assert record.client_hello is not None, f"no ClientHello reached the server: {record.describe()}"
    return record.client_hello


def offered(modem: Modem, profile: Profile, serve: Serve) -> tuple[int, ...]:
    """Dial the farm and return the IANA codes the module offered (signalling values left out)."""
    return hello(modem, serve).offered_suites


@pytest.mark.spec("telit-ssl-ug", "4.2.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "8.1.1")
@pytest.mark.erratum("TSU-03", "TSU-43")
def test_each_nonzero_id_offers_exactly_its_suite(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    form = seccfg_form(profile)
    # §4.2.1 (2G): "the module proposes to the remote server the couple cipher suite/protocol according to the
    # table shown in chapter 8.1.1": the ClientHello offers up to the suite's highest protocol column
    # (RC4_128_MD5: TLS 1.0 only). 3G/4G take the version from #SSLSECCFG2 (test_version_setting_is_the_highest_
    # offered); telit-gsm-ssl's list (§2.2.1) has no protocol columns.
    columns: dict[str, list[str]] = SOCKETS["tables"]["2g"]["columns"] if profile["seccfg_form"] == "2g" else {}
    for cipher in range(1, form["ciphers"][1] + 1):
        configure(modem, profile, cipher=cipher)
        offer = hello(modem, serve)
        got = offer.offered_suites
        want = suite_of(profile, cipher)
        assert got == (iana_code(want),), (
            f"{form['source']}: <CipherSuite> {cipher} proposes only {want} (0x{iana_code(want):04X}); "
            f"offered {[f'0x{c:04X}' for c in got]}"
        )
        if want in columns:
            highest = columns[want][-1]
            assert version_name(offer.max_version) == highest, (
                f"telit-ssl-ug §4.2.1, §8.1.1: <CipherSuite> {cipher} proposes {want} with the protocols of its "
                f"column ({', '.join(columns[want])}): up to {highest}; the ClientHello offered up to "
                f"{version_name(offer.max_version)}"
            )


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "8.1.1")
@pytest.mark.spec("telit-ssl-ug", "8.1.2")
@pytest.mark.spec("telit-ssl-ug", "8.1.3")
@pytest.mark.erratum("TSU-21")
def test_id_0_offers_the_platforms_table(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    configure(modem, profile, cipher=0)
    got = set(offered(modem, profile, serve))
    want = {iana_code(name): name for name in table(profile)}
    missing = [name for c, name in want.items() if c not in got]
    extra = [name_of(c) for c in sorted(got - set(want))]
    assert not missing and not extra, (
        f"telit-ssl-ug §8.1: <CipherSuite> 0 proposes the platform's table; missing {missing}, extra {extra}"
    )
    assert iana_code("TLS_RSA_WITH_NULL_SHA") not in got, "telit-ssl-ug §4.2.2: NULL_SHA is never proposed with 0"


@pytest.mark.spec("telit-ssl-ug", "3")
@pytest.mark.needs("sslseccfg2")
def test_version_setting_is_the_highest_offered(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    for version in seccfg2_platform(profile)["supported"]:
        expect_ok(modem.command(f"AT#SSLSECCFG2=1,{version}"), "telit-ssl-ug §3")
        server = serve("valid")
        dial(modem, server.config)
        hello = records_after_close(modem, server)[0].client_hello
        assert hello is not None
        want = ("SSLv3", "TLS1.0", "TLS1.1", "TLS1.2")[version]
        assert version_name(hello.max_version) == want, (
            f"telit-ssl-ug §3 Tab. 1: <version> {version} offers up to {want}; "
            f"the ClientHello offered {version_name(hello.max_version)}"
        )
