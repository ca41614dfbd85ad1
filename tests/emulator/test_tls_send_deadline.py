"""The emulator's send path against the farm's ``no-read`` endpoint: a send with a deadline gives up whole
(``SendStalled``) once the connection's send buffer is full, the link stays usable, and its close does not hang; the
echo endpoint, which reads, is the control. Every wait here has a deadline."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from cryptography import x509

from emulator.tls.client import TLS1_0, TLS1_2, ClientConfig, LinkError, SendStalled, TlsLink, connect
from emulator.tls.suites import CODES
from servers.endpoint import TlsEndpoint
from servers.pki import Pki
from servers.scenarios import by_id

pytestmark = pytest.mark.timeout(60)

TIMEOUT = 3.0
CONFIG_SUITES = (CODES["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], CODES["TLS_RSA_WITH_AES_128_CBC_SHA"])
#: The send buffer the tests give the link, and the size of each send.
BUFFER = 4096
CHUNK = 1024
#: A send's deadline, and what the tests push at most before they expect a stall: far beyond the buffers involved
#: (the link's, the client's and the server's kernel buffers: ~30 KiB here).
GRACE = 0.2
LIMIT = 512 * 1024


@pytest.fixture
def endpoints(pki: Pki) -> Iterator[dict[str, TlsEndpoint]]:
    started: dict[str, TlsEndpoint] = {}
    yield started
    for endpoint in started.values():
        endpoint.stop()


def _link(pki: Pki, endpoints: dict[str, TlsEndpoint], scenario: str, timeout: float = TIMEOUT) -> TlsLink:
    endpoint = endpoints.setdefault(scenario, TlsEndpoint(by_id(scenario), pki).start())
    anchor = x509.load_pem_x509_certificate(pki.roots["rsa"].pem.read_bytes())
    config = ClientConfig(suites=CONFIG_SUITES, min_version=TLS1_0, max_version=TLS1_2, anchors=(anchor,))
    link = connect("localhost", endpoint.config.port, config, timeout=timeout)
    link.limit_send_buffer(BUFFER)
    return link


def _fill(link: TlsLink, limit: int) -> tuple[int, float | None]:
    """Send CHUNK bytes with a GRACE deadline until one stalls or ``limit`` bytes went: (bytes that went, seconds
    the stalled send waited, ``None`` if none stalled)."""
    sent = 0
    while sent < limit:
        started = time.monotonic()
        try:
            link.send(b"s" * CHUNK, deadline=started + GRACE)
        except SendStalled:
            return sent, time.monotonic() - started
        sent += CHUNK
    return sent, None


def test_a_send_with_a_deadline_gives_up_whole_when_the_far_end_stops_reading(
    pki: Pki, endpoints: dict[str, TlsEndpoint]
) -> None:
    link = _link(pki, endpoints, "no-read")
    link.start(lambda chunk: None, lambda reason: None)
    sent, waited = _fill(link, LIMIT)
    assert waited is not None, f"{sent} bytes went to an endpoint that reads nothing"
    assert GRACE - 0.05 <= waited < GRACE + 1.0, f"the stalled send waited {waited:.2f} s, its deadline {GRACE} s"
    assert BUFFER <= sent < 128 * 1024, f"{sent} bytes went before the stall"
    assert link.unsent > 0, "what could not go waits in the link"
    # The link is intact: the next send stalls the same way (nothing half-written), and a send without a deadline
    # is refused by the socket's timeout instead of hanging.
    with pytest.raises(SendStalled):
        link.send(b"t" * CHUNK, deadline=time.monotonic() + GRACE)
    started = time.monotonic()
    link.close()
    assert time.monotonic() - started < 2.0, "the close of a stalled link does not hang"


def test_the_same_sends_to_a_reading_echo_all_go(pki: Pki, endpoints: dict[str, TlsEndpoint]) -> None:
    link = _link(pki, endpoints, "valid")
    got = bytearray()
    enough = threading.Event()
    total = 64 * 1024  # more than no-read takes before its stall (checked above)

    def on_data(chunk: bytes) -> None:
        got.extend(chunk)
        if len(got) >= total:
            enough.set()

    link.start(on_data, lambda reason: enough.set())
    sent, waited = _fill(link, total)
    assert waited is None and sent == total, f"a send stalled after {sent} bytes to an endpoint that reads"
    assert enough.wait(TIMEOUT) and bytes(got) == b"s" * total, "every byte came back, in order"
    link.send(b"plain")  # without a deadline: as before, back once the kernel took it
    link.close()


def test_a_send_without_a_deadline_reports_a_far_end_that_never_reads(
    pki: Pki, endpoints: dict[str, TlsEndpoint]
) -> None:
    # The dial's timeout (each socket operation's) bounds a send without a deadline.
    link = _link(pki, endpoints, "no-read", timeout=0.5)
    link.start(lambda chunk: None, lambda reason: None)
    with pytest.raises(LinkError, match="does not read"):
        for _ in range(LIMIT // CHUNK):
            link.send(b"u" * CHUNK)
    link.close()
