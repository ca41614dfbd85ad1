"""#SSLSEND <Timeout>, "the maximum blocking timeout" (telit-gsm-ssl §4.2.2.1), honoured against the farm's
``no-read`` endpoint (handshake, then never reads), as conformance/telit/test_timeout_stalls.py does for
telit-ssl-ug: the sends fill what the module and the network buffer; once the data cannot go, #SSLSEND answers
ERROR ("ERROR on failure") within <Timeout> and a network wait, and not before <Timeout> ("The data exchange is
performed in blocking mode", §4.2.2). Control: as many sends and one more, with the same
<Timeout>, to the echo endpoint all answer OK. <Timeout> 10 (1 s, 100 ms units: errata TSU-20), far below the
`ready` fixture's <defTo> (100 = 10 s). Errata TSU-50 (the buffer no document sizes).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import CTRL_Z, dial, recv_exactly
from harness.checks import expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile

CLAUSE = "telit-gsm-ssl §4.2.2.1"
pytestmark = [
    pytest.mark.spec("telit-gsm-ssl", "4.2.2"),
    pytest.mark.spec("telit-gsm-ssl", "4.2.2.1"),
    pytest.mark.erratum("TSU-20", "TSU-50"),
]
UNITS = 10
SECONDS = UNITS / 10
EARLY = 0.1
#: Bytes a send (printable: no Ctrl-Z or ESC inside, §4.2.2.1 ends the data with 0x1A) and the suite's bound on
#: the sends (about 132 KiB): a module that takes them all buffers more than the bound: not run, not failed.
CHUNK, FILL_SENDS = 1500, 90
DATA = bytes(0x30 + i % 64 for i in range(CHUNK))


def _fill(modem: Modem, sends: int, *, echo: Profile | None = None) -> tuple[int, Response | None, float]:
    """#SSLSEND=1,UNITS of CHUNK bytes until one fails, ``sends`` at most: (the sends that went, the failed answer
    or None, its duration). ``echo``: read each send's echo back before the next."""
    for count in range(sends):
        started = time.monotonic()
        r = modem.command(f"AT#SSLSEND=1,{UNITS}", data=DATA + CTRL_Z, timeout=DIAL_TIMEOUT)
        if not r.ok:
            return count, r, time.monotonic() - started
        if echo is not None:
            got = recv_exactly(modem, echo, CHUNK)
            assert got == DATA, f"telit-gsm-ssl §4.2.2.2: send {count + 1} came back whole; {len(got)} bytes"
    return sends, None, 0.0


def test_send_timeout_bounds_a_send_the_server_never_reads(
    modem: Modem, profile: Profile, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    quiet = serve("no-read")
    expect_ok(dial(modem, quiet.config), "telit-gsm-ssl §4.1: #SSLD in COMMAND mode to the no-read endpoint")
    sent, failed, elapsed = _fill(modem, FILL_SENDS)
    if failed is None:
        modem.command("AT#SSLH=1")
        observe(f"{CLAUSE}: {FILL_SENDS} sends of {CHUNK} bytes to a server that reads nothing: all OK")
        pytest.skip(f"not run: {FILL_SENDS} sends of {CHUNK} bytes to a server that reads nothing all answered OK:"
                    " the module buffers more than the suite's bound, and the document gives no size (errata TSU-50)")
    bound = SECONDS + modem.waits.network(5.0)
    assert elapsed <= bound, (
        f"{CLAUSE}: <Timeout> {UNITS} ({SECONDS} s): the send that could not go answered after {elapsed:.2f} s,"
        f" more than {bound:.1f} s; {failed.describe()}"
    )
    # §4.2.2 "The data exchange is performed in blocking mode" (errata TSU-50): the send whose data cannot go blocks
    # until its timeout runs out, then fails; one that gives up at once does not block. EARLY: the module's timer
    # granularity (the host measures from before the command).
    assert elapsed >= SECONDS - EARLY, (
        f"telit-gsm-ssl §4.2.2: a blocking #SSLSEND with <Timeout> {UNITS} ({SECONDS} s) gave up after {elapsed:.2f} s;"
        f" {failed.describe()}"
    )
    observe(f"{CLAUSE}: after {sent} sends of {CHUNK} bytes to a server that reads nothing, #SSLSEND with"
            f" <Timeout> {UNITS} answered {failed.final.text} after {elapsed:.2f} s")
    modem.command("AT#SSLH=1")
    # Control: the echo endpoint reads: as many sends and one more, same <Timeout>, each echo read back: all OK.
    valid = serve("valid")
    expect_ok(dial(modem, valid.config), "telit-gsm-ssl §4.1: #SSLD in COMMAND mode to the echo endpoint")
    done, refused, _ = _fill(modem, sent + 1, echo=profile)
    assert refused is None, (
        f"{CLAUSE}: a server that reads: OK each time; send {done + 1}: {refused and refused.describe()}"
    )
