"""SSL error codes 830-840, numeric and verbose (telit-ssl-ug §8.2 Tab. 4), and +CMEE per AT instance.

Asserted in all three +CMEE forms: 836 (a set or read form before #SSLEN), 833 (#SSLRECV on a socket that is not
connected), 834 (#SSLD on a connected socket), 837 (auth mode 1 with no CA stored), 839 (a handshake with an
expired server certificate), and 835 where the module refuses to enable a socket it already enabled (errata TSU-41).
Not provoked, each for its reason (errata TSU-16, TSU-41):

- 830 "SSL generic error": by its name it has no cause of its own, so no failure can be said to call for it.
- 831 "SSL cannot activate": no passage says what makes an activation fail (a missing PDP context is refused by
  the context commands first, and the document does not say which code #SSLEN or #SSLD then gives).
- 832 "SSL socket error": the transport failures that could cause it (a refused TCP connection, a reset) are not
  tied to it by any passage.
- 838 "SSL error enc/dec data": needs a peer that corrupts records after the handshake; no farm scenario does,
  and no passage says on which command (#SSLRECV, #SSLSEND, ONLINE mode) it would be reported.
- 840 "SSL disconnected": the documents report a remote close as NO CARRIER (§5.2) and a command on a closed
  socket with 833 in this suite's reading; no passage says when 840 rather than 833 is due.
"""

from __future__ import annotations

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.common import ERRORS, disable_all
from conformance.telit.sockets import CA_CERT, STORE_RAM, configure, dial, store
from harness.checks import expect_cme_code, expect_cme_text, expect_ok, expect_plain_error
from harness.modem import Modem
from harness.plugin.fixtures import Observe
from harness.profiles import Profile

CLAUSE = "telit-ssl-ug §8.2 Tab. 4"
pytestmark = pytest.mark.spec("telit-ssl-ug", "8.2")
TEXT = {e["code"]: e["text"] for e in ERRORS["codes"]}
TRIGGERED = sorted(int(code) for code in ERRORS["triggers"])


def provoke(modem: Modem, profile: Profile, code: int) -> str:
    trigger = ERRORS["triggers"][str(code)]
    if trigger["precondition"] == "no SSL socket enabled":
        disable_all(modem, profile)
    return str(trigger["command"])


@pytest.mark.parametrize("code", TRIGGERED)
def test_numeric_code_under_cmee_1(modem: Modem, profile: Profile, code: int) -> None:
    command = provoke(modem, profile, code)
    expect_ok(modem.command("AT+CMEE=1"), CLAUSE)
    expect_cme_code(modem.command(command), code, f"{CLAUSE} ({TEXT[code]})")


@pytest.mark.parametrize("code", TRIGGERED)
def test_verbose_text_under_cmee_2(modem: Modem, profile: Profile, code: int) -> None:
    command = provoke(modem, profile, code)
    expect_ok(modem.command("AT+CMEE=2"), CLAUSE)
    expect_cme_text(modem.command(command), TEXT[code], f"{CLAUSE} ({code})")


@pytest.mark.parametrize("code", TRIGGERED)
def test_plain_error_under_cmee_0(modem: Modem, profile: Profile, code: int) -> None:
    command = provoke(modem, profile, code)
    expect_ok(modem.command("AT+CMEE=0"), CLAUSE)
    expect_plain_error(modem.command(command), f"{CLAUSE}: AT+CMEE=0 disables the report")


@pytest.mark.spec("telit-ssl-ug", "4.3.1")
@pytest.mark.needs("second_instance")
def test_cmee_is_per_instance(modem: Modem, modem2: Modem) -> None:
    # §4.3.1: instance 2 reads +CMEE: 0 after instance 1 set AT+CMEE=2.
    expect_ok(modem.command("AT+CMEE=2"), "telit-ssl-ug §4.3.1")
    expect_ok(modem2.command("AT+CMEE=1"), "telit-ssl-ug §4.3.1")
    assert modem.command("AT+CMEE?").fields("+CMEE") == [["2"]], "telit-ssl-ug §4.3.1: instance 1 keeps its +CMEE"
    assert modem2.command("AT+CMEE?").fields("+CMEE") == [["1"]], "telit-ssl-ug §4.3.1: instance 2 keeps its +CMEE"


# ------------------------------------------------------------------ the codes a socket gives, in all three forms
@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.erratum("TSU-16", "TSU-36")
@pytest.mark.parametrize("code", [833, 834, 837, 839])
def test_socket_code_in_every_cmee_form(modem: Modem, profile: Profile, ready: None, serve: Serve, code: int) -> None:
    # Tab. 4: the same failure as the number (AT+CMEE=1), the text (AT+CMEE=2), and, with the report disabled
    # (AT+CMEE=0), the plain ERROR of V.250. The failure is provoked once and repeated in each form; each cause
    # stays as it was (a closed socket, a connected one, no CA, an expired server certificate).
    if code == 833:
        line = "AT#SSLRECV=1,10,1"  # §5.1.2.2.1 on an enabled socket that is not connected
    else:
        server = serve("expired-leaf" if code == 839 else "valid")
        if code == 837:
            modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}")  # no CA stored (result not judged: setup)
        if code == 839:  # the scenario's own CA, in RAM (§4.4 <Action> 3): only this connection needs it
            ca = pem_lf(server.config.ca.pem)
            expect_ok(store(modem, profile, CA_CERT, ca, action=STORE_RAM), "telit-ssl-ug §4.4")
        configure(modem, profile, auth=0 if code == 834 else 1)
        if code == 834:
            expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
        line = f'AT#SSLD=1,{server.config.port},"{server.config.host}",0,1'
    for cmee in (1, 2, 0):
        expect_ok(modem.command(f"AT+CMEE={cmee}"), CLAUSE)
        r = modem.command(line, timeout=DIAL_TIMEOUT)
        if cmee == 1:
            expect_cme_code(r, code, f"{CLAUSE} ({TEXT[code]})")
        elif cmee == 2:
            expect_cme_text(r, TEXT[code], f"{CLAUSE} ({code})")
        else:
            expect_plain_error(r, f"{CLAUSE}: AT+CMEE=0 disables the report ({code})")


@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.erratum("TSU-16", "TSU-41")
def test_enabling_an_enabled_socket_is_835_if_refused(modem: Modem, profile: Profile, observe: Observe) -> None:
    # Tab. 4's 835 "SSL already activated" names the one cause a second #SSLEN=1,1 on the owning instance can
    # have; the document does not say the command is refused (a module may answer OK, idempotently): errata
    # TSU-41. The control: the first #SSLEN=1,1 enables the socket.
    disable_all(modem, profile)
    try:
        expect_ok(modem.command("AT+CMEE=1"), CLAUSE)
        expect_ok(modem.command("AT#SSLEN=1,1"), "telit-ssl-ug §4.1: a disabled socket is enabled")
        r = modem.command("AT#SSLEN=1,1")
        if r.final.is_ok:
            observe("#SSLEN=1,1 on a socket this instance enabled: OK (no 835)", instead_of_verdict=True)
        expect_cme_code(r, 835, f"{CLAUSE}: a refused second #SSLEN=1,1 is 'SSL already activated'")
        expect_ok(modem.command("AT+CMEE=2"), CLAUSE)
        expect_cme_text(modem.command("AT#SSLEN=1,1"), TEXT[835], f"{CLAUSE} (835)")
        expect_ok(modem.command("AT+CMEE=0"), CLAUSE)
        expect_plain_error(modem.command("AT#SSLEN=1,1"), f"{CLAUSE}: AT+CMEE=0 disables the report (835)")
    finally:
        modem.command("AT#SSLEN=1,0")  # leave the socket as found (result not judged: teardown)
