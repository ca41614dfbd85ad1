"""#SSLSECCFG: cipher suite, authentication mode and certificate format (telit-ssl-ug §4.2, §4.2.1 for 2G,
§4.2.2 for 3G/4G)."""

from __future__ import annotations

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.shared.testform import ranges_of_test_form
from conformance.telit.common import COMMANDS, OWNED, expect_not_activated, seccfg_form
from conformance.telit.context import activation_line
from conformance.telit.sockets import BS, CA_CERT, CTRL_Z, STORE_RAM, dial, records_after_close
from harness.apn import Network
from harness.checks import expect_cme_text, expect_error, expect_ok, line_for
from harness.modem import Modem
from harness.profiles import Profile
from servers.pki import Pki

pytestmark = pytest.mark.spec("telit-ssl-ug", "4.2")


def clause(profile: Profile) -> str:
    return str(seccfg_form(profile)["source"])


def read_line(modem: Modem, ssid: int, where: str) -> list[str]:
    r = expect_ok(modem.command("AT#SSLSECCFG?"), where)
    return line_for(r, "#SSLSECCFG", str(ssid), where)


@pytest.mark.spec("telit-ssl-ug", "4.2.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_test_form_lists_the_documented_ranges(modem: Modem, profile: Profile) -> None:
    form = seccfg_form(profile)
    want = [
        frozenset(profile.ssid_range),
        frozenset(range(form["ciphers"][0], form["ciphers"][1] + 1)),
        frozenset(range(form["auth_modes"][0], form["auth_modes"][1] + 1)),
    ]
    if "cert_formats" in form:
        want.append(frozenset(range(form["cert_formats"][0], form["cert_formats"][1] + 1)))
    got = ranges_of_test_form(modem, "#SSLSECCFG", "#SSLSECCFG", clause(profile))
    assert got == want, f"{clause(profile)}: #SSLSECCFG=? should give {want}, got {got}"


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.erratum("TSU-07")
def test_refused_before_sslen_with_ssl_not_activated(modem: Modem, profile: Profile) -> None:
    expect_not_activated(modem, profile, ("AT#SSLSECCFG?", "AT#SSLSECCFG=1,0,0"))


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.needs("fresh_power_on")
def test_defaults_after_power_on(modem: Modem, profile: Profile, enabled: int) -> None:
    d = COMMANDS["sslseccfg"]["defaults"]
    # §4.2.2: the read form leaves out <cert_format> until it has been entered (errata TSU-08).
    assert read_line(modem, 1, "telit-ssl-ug §4.7.1.1") == ["1", str(d["cipher"]), str(d["auth"])], (
        "telit-ssl-ug §4.7.1.1: #SSLSECCFG: 1,0,0 after power-on"
    )


def test_every_cipher_suite_and_auth_mode_is_accepted(modem: Modem, profile: Profile, enabled: int) -> None:
    form = seccfg_form(profile)
    for cipher in range(form["ciphers"][0], form["ciphers"][1] + 1):
        for auth in range(form["auth_modes"][0], form["auth_modes"][1] + 1):
            expect_ok(modem.command(f"AT#SSLSECCFG=1,{cipher},{auth}"), clause(profile))
            got = read_line(modem, 1, clause(profile))[:3]
            assert got == ["1", str(cipher), str(auth)], f"{clause(profile)}: set 1,{cipher},{auth}, read {got}"


@pytest.mark.parametrize(
    "args",
    ["1,{cipher_over},0", "1,0,3", "1,-1,0", "1,0", "1", "{ssid_over},0,0", "0,0,0", "1,x,0"],
    ids=[
        "cipher-over",
        "auth-3",
        "cipher-negative",
        "missing-auth",
        "missing-cipher",
        "ssid-over",
        "ssid-0",
        "not-a-number",
    ],
)
def test_set_form_refuses_invalid_parameters(modem: Modem, profile: Profile, enabled: int, args: str) -> None:
    form = seccfg_form(profile)
    expect_ok(modem.command("AT#SSLSECCFG=1,1,1"), clause(profile))
    line = "AT#SSLSECCFG=" + args.format(cipher_over=form["ciphers"][1] + 1, ssid_over=profile.ssids + 1)
    expect_error(modem.command(line), clause(profile))
    assert read_line(modem, 1, clause(profile))[:3] == ["1", "1", "1"], (
        f"{clause(profile)}: refused {line!r} changed the setting"
    )


@pytest.mark.spec("telit-ssl-ug", "4.2.1")
@pytest.mark.needs("seccfg_2g")
def test_2g_form_has_no_cert_format(modem: Modem, enabled: int) -> None:
    # §4.2.1: AT#SSLSECCFG=<SSId>,<CipherSuite>,<auth_mode>; Tab. 2: 2G stores PEM only.
    expect_error(modem.command("AT#SSLSECCFG=1,0,0,1"), "telit-ssl-ug §4.2.1")


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.needs("cert_format")
def test_cert_format_values(modem: Modem, profile: Profile, enabled: int) -> None:
    for fmt in (0, 1):
        expect_ok(modem.command(f"AT#SSLSECCFG=1,0,1,{fmt}"), "telit-ssl-ug §4.2.2")
        assert read_line(modem, 1, "telit-ssl-ug §4.2.2") == ["1", "0", "1", str(fmt)], (
            f"telit-ssl-ug §4.2.2: after <cert_format>={fmt} the read form reports it"
        )
    expect_error(modem.command("AT#SSLSECCFG=1,0,1,2"), "telit-ssl-ug §4.2.2")


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.erratum("TSU-08")
@pytest.mark.needs("cert_format", "fresh_power_on")
def test_cert_format_read_behaviour(modem: Modem, enabled: int) -> None:
    where = "telit-ssl-ug §4.2.2"
    # Powered on, entered without <cert_format>: the read form does not return it.
    expect_ok(modem.command("AT#SSLSECCFG=1,2,0"), where)
    assert read_line(modem, 1, where) == ["1", "2", "0"], f"{where}: <cert_format> not reported before it is entered"
    # Entered with <cert_format> for the first time: reported.
    expect_ok(modem.command("AT#SSLSECCFG=1,2,0,0"), where)
    assert read_line(modem, 1, where) == ["1", "2", "0", "0"], f"{where}: the value just used is reported"
    # Omitted afterwards: the value entered the last time is reported.
    expect_ok(modem.command("AT#SSLSECCFG=1,3,1"), where)
    assert read_line(modem, 1, where) == ["1", "3", "1", "0"], f"{where}: the last entered value is reported"


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.4")
@pytest.mark.erratum("TSU-36")
@pytest.mark.needs("cert_format", "fresh_power_on")
@pytest.mark.parametrize("right", [True, False], ids=["its-root", "another-root"])
def test_pem_is_the_default_cert_format_after_power_on(
    modem: Modem, profile: Profile, pki: Pki, network: Network, serve: Serve, enabled: int, right: bool
) -> None:
    # §4.2.2: "Assume that the module is powered on right now, and the #SSLSECCFG command is entered without
    # <cert_format> parameter. In this case, the default format is PEM." So, powered on and #SSLSECCFG never given
    # a <cert_format> (not even by the suite's own setup: the context is brought up here, §2), a root is downloaded
    # in PEM mode (§4.4: "two security data downloading modes according to the used certificate format") into RAM
    # (<Action> 3; errata TSU-36) and authenticates its server under <auth_mode> 1. To tell the PEM mode from the
    # DER one by what the module does, not by what it may recognise in the bytes, the PEM is typed with an X and a
    # backspace inside: in PEM mode "backspace ... [is] interpreted as [a] control character" and erases the X; in
    # DER mode both are data ("not interpreted as control characters") and the root is spoiled. The control:
    # another root, typed the same way, and the same server is refused, so the OK is the stored root's doing.
    where = "telit-ssl-ug §4.2.2"
    expect_ok(modem.command(f'AT+CGDCONT=1,"IP","{network.apn}"'), "telit-ssl-ug §2")
    expect_ok(modem.command(activation_line(network), timeout=DIAL_TIMEOUT), "telit-ssl-ug §2")
    if profile.has("sslseccfg2"):
        expect_ok(modem.command("AT#SSLSECCFG2=1,3"), "telit-ssl-ug §3 Tab. 1")  # the farm's TLS 1.2
    expect_ok(modem.command("AT#SSLSECCFG=1,0,1"), f"{where}: <cert_format> omitted")
    server = serve("valid")
    pem = pem_lf(server.config.ca.pem if right else pki.roots["untrusted"].pem)
    cut = pem.index(b"\n") + 10
    typed = pem[:cut] + b"X" + BS + pem[cut:]
    r = modem.command(f"AT#SSLSECDATA=1,{STORE_RAM},{CA_CERT},{len(pem)}", data=typed + CTRL_Z, timeout=DIAL_TIMEOUT)
    expect_ok(r, "telit-ssl-ug §4.4 <Action> 3, downloaded in PEM mode (ended by Ctrl-Z)")
    r = dial(modem, server.config)
    if right:
        expect_ok(r, f"{where}: the default format is PEM: the root downloaded in PEM mode authenticates its server")
        (record,) = records_after_close(modem, server)
        assert record.handshake_done, record.describe()
    else:
        expect_error(r, f"{where}: with another PEM root stored the server cannot be authenticated")


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.erratum("TSU-05", "TSU-06")
@pytest.mark.needs("second_instance")
def test_other_instance_cannot_configure_an_owned_socket(modem2: Modem, owned: int) -> None:
    expect_cme_text(modem2.command("AT#SSLSECCFG=1,0,1"), OWNED, "telit-ssl-ug §4.2.2", tolerate_period=True)
    # Reading is allowed from any instance (§4.3.1 reads #SSLEN? from the other instance).
    expect_ok(modem2.command("AT#SSLSECCFG?"), "telit-ssl-ug §4.3.1")
