"""<Timeout> honoured against the farm's stalling endpoints (telit-ssl-ug §5, §5.1.2, §5.1.2.1, §4.6).

- #SSLD <Timeout>, "maximum allowed TCP inter-packet delay" (§5): to ``silent-hello``, which takes the ClientHello
  and never answers, the dial fails ("If for any reason the handshake fails (... timeout expiration, etc.) an ERROR
  response message appears"), not before <Timeout> and not much after it.
- #SSLSENDEXT / #SSLSEND <Timeout>, "expressed in 100 msec unit" (§5.1.2.1), in "blocking mode" (§5.1.2): to
  ``no-read``, which never reads, the sends fill what the module and the network buffer; once the data cannot go,
  the send answers ERROR ("ERROR on failure") within <Timeout> and a network wait.

- <defTo>, "timeout value used as default value by other SSL commands whenever their timeout parameters are not
  set" (§4.6; §5.1.2.1 "If it is omitted, the default timeout set via AT#SSLCFG will be used"): set to 10 (1 s),
  #SSLD without <Timeout> to ``silent-hello`` fails within the same bounds. (#SSLSENDEXT without <Timeout> to
  ``no-read`` would cost a second fill, about 1.3 s a profile: left out for CI time.)

Each send that fails is bounded from below as well: "The data exchange is performed in blocking mode" (§5.1.2), so a
send whose data cannot go blocks until its <Timeout> runs out; one that gives up at once is not blocking (TSU-50).

Each beside its control: the same commands with the same <Timeout> to ``valid`` (the echo) succeed. <Timeout>
here is 10 (1 s), far below the `ready` fixture's <defTo> (100 = 10 s), so a module that ignores <Timeout> for
<defTo> is told apart. Errata TSU-20 (units), TSU-50 (the send buffer no document sizes).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import CTRL_Z, dial, records_after_close, recv_exactly, ssls
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile

pytestmark = pytest.mark.erratum("TSU-20", "TSU-50")

#: <Timeout> of these tests, 100 ms units, and in seconds.
UNITS = 10
SECONDS = UNITS / 10
#: Below the timeout, what a module's timer granularity may take off (the host measures from before the command).
EARLY = 0.1
#: The sends of the fill: #SSLSENDEXT's largest (D19), at most FILL_SENDS of them (about 132 KiB). No document
#: sizes the buffers (TSU-50); the farm's no-read endpoint takes about 8 KiB, the emulator's buffer fills after
#: about 16 KiB. A module that takes all of them buffers more than the bound: not run, not failed.
CHUNK = 1500
FILL_SENDS = 90
TEXT = b"Send this string to the SSL server!"  # §5.4.2


def _timed(modem: Modem, line: str, data: bytes | None = None) -> tuple[Response, float]:
    started = time.monotonic()
    r = modem.command(line, data=data, timeout=DIAL_TIMEOUT)
    return r, time.monotonic() - started


@pytest.mark.spec("telit-ssl-ug", "5")
def test_ssld_timeout_bounds_a_handshake_never_answered(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    silent = serve("silent-hello").config
    r, elapsed = _timed(modem, f'AT#SSLD=1,{silent.port},"{silent.host}",0,1,{UNITS}')
    expect_error(r, "telit-ssl-ug §5: a handshake the server never answers fails (timeout expiration): ERROR")
    assert elapsed >= SECONDS - EARLY, (
        f"telit-ssl-ug §5: <Timeout> {UNITS} allows {SECONDS} s between packets; the dial gave up after {elapsed:.2f} s"
    )
    bound = SECONDS + modem.waits.network(5.0)
    assert elapsed <= bound, (
        f"telit-ssl-ug §5: <Timeout> {UNITS} ({SECONDS} s) is the 'maximum allowed TCP inter-packet delay': ERROR"
        f" after {elapsed:.2f} s, more than {bound:.1f} s"
    )
    observe(f"telit-ssl-ug §5: #SSLD to a server that never answers, <Timeout> {UNITS}: ERROR after {elapsed:.2f} s")
    assert ssls(modem)[1] != "2", "telit-ssl-ug §5.4.1: the failed dial left no connection"
    # Control: the same dial and <Timeout> to the valid endpoint connects, and the socket carries data.
    valid = serve("valid")
    expect_ok(
        modem.command(f'AT#SSLD=1,{valid.config.port},"{valid.config.host}",0,1,{UNITS}', timeout=DIAL_TIMEOUT),
        "telit-ssl-ug §5: #SSLD with its <Timeout> to a server that answers",
    )
    expect_ok(modem.command(f"AT#SSLSENDEXT=1,{len(TEXT)},{UNITS}", data=TEXT), "telit-ssl-ug §5.1.2.1")
    (record,) = records_after_close(modem, valid)
    assert record.handshake_done and record.bytes_received == len(TEXT), record.describe()


def _fill(modem: Modem, sends: int, *, echo: Profile | None = None) -> tuple[int, Response | None, float]:
    """#SSLSENDEXT of CHUNK bytes with <Timeout> UNITS until one fails, ``sends`` at most: (the sends that went,
    the failed answer or None, its duration). ``echo``: read each send's echo back before the next."""
    data = bytes(i % 251 for i in range(CHUNK))
    for count in range(sends):
        r, elapsed = _timed(modem, f"AT#SSLSENDEXT=1,{CHUNK},{UNITS}", data)
        if not r.ok:
            return count, r, elapsed
        if echo is not None:
            got = recv_exactly(modem, echo, CHUNK)
            assert got == data, f"telit-ssl-ug §5.1.2.2.1: send {count + 1} came back whole; {len(got)} bytes"
    return sends, None, 0.0


@pytest.mark.spec("telit-ssl-ug", "5.1.2")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
def test_send_timeout_bounds_a_send_the_server_never_reads(
    modem: Modem, profile: Profile, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    quiet = serve("no-read")
    expect_ok(dial(modem, quiet.config), "telit-ssl-ug §5: #SSLD in COMMAND mode to the no-read endpoint")
    sent, failed, elapsed = _fill(modem, FILL_SENDS)
    if failed is None:
        modem.command("AT#SSLH=1")
        observe(f"telit-ssl-ug §5.1.2.1: {FILL_SENDS} sends of {CHUNK} bytes to a server that reads nothing: all OK")
        pytest.skip(
            f"not run: {FILL_SENDS} sends of {CHUNK} bytes to a server that reads nothing all answered OK: the module"
            " buffers more than the suite's bound, and the document gives no size (errata TSU-50)"
        )
    bound = SECONDS + modem.waits.network(5.0)
    assert elapsed <= bound, (
        f"telit-ssl-ug §5.1.2.1: <Timeout> {UNITS} ({SECONDS} s): the send that could not go answered after"
        f" {elapsed:.2f} s, more than {bound:.1f} s; {failed.describe()}"
    )
    # §5.1.2 "blocking mode" (errata TSU-50): the send waits its <Timeout> for the data to go before it fails.
    assert elapsed >= SECONDS - EARLY, (
        f"telit-ssl-ug §5.1.2: a blocking send with <Timeout> {UNITS} ({SECONDS} s) gave up after {elapsed:.2f} s;"
        f" {failed.describe()}"
    )
    observe(
        f"telit-ssl-ug §5.1.2.1: after {sent} sends of {CHUNK} bytes to a server that reads nothing, #SSLSENDEXT"
        f" with <Timeout> {UNITS} answered {failed.final.text} after {elapsed:.2f} s"
    )
    # #SSLSEND of as many bytes, with the same <Timeout>, on the same full connection fails the same way.
    r, took = _timed(modem, f"AT#SSLSEND=1,{UNITS}", b"x" * CHUNK + CTRL_Z)
    expect_error(r, "telit-ssl-ug §5.1.2.1: #SSLSEND on a connection whose data cannot go: 'ERROR on failure'")
    assert took <= bound, f"telit-ssl-ug §5.1.2.1: #SSLSEND <Timeout> {UNITS}: ERROR after {took:.2f} s"
    modem.command("AT#SSLH=1")
    # Control: as many sends and one more, with the same <Timeout>, to the echo endpoint (each echo read back) all
    # answer OK, and so does #SSLSEND.
    valid = serve("valid")
    expect_ok(dial(modem, valid.config), "telit-ssl-ug §5: #SSLD in COMMAND mode to the echo endpoint")
    done, refused, _ = _fill(modem, sent + 1, echo=profile)
    assert refused is None, f"telit-ssl-ug §5.1.2.1: a server that reads: OK each time; send {done + 1}: {refused}"
    expect_ok(modem.command(f"AT#SSLSEND=1,{UNITS}", data=TEXT + CTRL_Z), "telit-ssl-ug §5.1.2.1: #SSLSEND")
    assert recv_exactly(modem, profile, len(TEXT)) == TEXT, "telit-ssl-ug §5.1.2.1: the #SSLSEND data arrived"


@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5")
def test_def_to_bounds_a_dial_that_omits_its_timeout(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    # §4.6: <defTo> is "used as default value by other SSL commands whenever their timeout parameters are not set";
    # §5.1.2.1 says it of #SSLSEND/#SSLSENDEXT. Set to UNITS (1 s; `ready` sets 100 = 10 s), so that a module that
    # falls back on anything else (its power-on value, a fixed one, none) is told apart by the bounds.
    expect_ok(modem.command(f"AT#SSLCFG=1,1,300,90,{UNITS},1,0,0"), "telit-ssl-ug §4.6: <defTo> set")
    bound = SECONDS + modem.waits.network(5.0)
    silent = serve("silent-hello").config
    r, elapsed = _timed(modem, f'AT#SSLD=1,{silent.port},"{silent.host}",0,1')
    expect_error(r, "telit-ssl-ug §5: a handshake the server never answers fails (timeout expiration): ERROR")
    assert SECONDS - EARLY <= elapsed <= bound, (
        f"telit-ssl-ug §4.6: #SSLD without <Timeout> waits <defTo> {UNITS} ({SECONDS} s) between packets; it gave up"
        f" after {elapsed:.2f} s (bounds {SECONDS - EARLY:.1f} s to {bound:.1f} s)"
    )
    observe(f"telit-ssl-ug §4.6: <defTo> {UNITS}: #SSLD without <Timeout> to a server that never answers: ERROR"
            f" after {elapsed:.2f} s")
    # Control (besides the <Timeout> test above): the same dial without <Timeout> to the valid endpoint connects.
    valid = serve("valid")
    expect_ok(dial(modem, valid.config), "telit-ssl-ug §5: #SSLD without <Timeout> to a server that answers")
    (record,) = records_after_close(modem, valid)
    assert record.handshake_done, record.describe()
