"""The <cipalgID> table of +GTSSLCIPHER (fibocom-l610-ssl §1.5.4) and what a handshake offers.

The document prints the names with dashes (``TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256``); each
is the IANA suite of the same name with underscores, whose code comes from ``tlsref``
(``emulator.tls.suites.code``).

What the emulator chose where the document is silent (emulator/README.md "The Fibocom dialect"):

- at power on no id is enabled: the read form answers OK alone ("no cipher algorithm ID enabled,
  modem will load default cipher algorithms"), and the defaults loaded are every id of the table,
  1 to 31 in id order. Example 6's first read (ids 1-6) follows commands the example does not
  show; with the default <sslver> 2 (TLS 1.0) ids 1-6, all TLS 1.2 suites, could not connect
  Example 1 anywhere, while the whole table holds four suites a TLS 1.0 server can choose;
- the ClientHello lists the enabled suites in id order, every one whatever <sslver> says (a
  TLS 1.2-only suite in a TLS 1.0 hello is harmless: a server cannot choose it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from emulator.core.params import Choice
from emulator.tls.client import SSL3, TLS1_0, TLS1_1, TLS1_2, Version
from emulator.tls.suites import code

# fibocom-l610-ssl §1.5.4 "cipalgID show below", as printed.
_PRINTED: Final = (
    "TLS-ECDHE-RSA-WITH-CHACHA20-POLY1305-SHA256",
    "TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256",
    "TLS-DHE-RSA-WITH-CHACHA20-POLY1305-SHA256",
    "TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384",
    "TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384",
    "TLS-DHE-RSA-WITH-AES-256-GCM-SHA384",
    "TLS-ECDHE-ECDSA-WITH-AES-256-CCM",
    "TLS-DHE-RSA-WITH-AES-256-CCM",
    "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA384",
    "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA384",
    "TLS-DHE-RSA-WITH-AES-256-CBC-SHA256",
    "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA",
    "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA",
    "TLS-DHE-RSA-WITH-AES-256-CBC-SHA",
    "TLS-ECDHE-ECDSA-WITH-AES-256-CCM-8",
    "TLS-DHE-RSA-WITH-AES-256-CCM-8",
    "TLS-ECDHE-ECDSA-WITH-CAMELLIA-256-GCM-SHA384",
    "TLS-ECDHE-RSA-WITH-CAMELLIA-256-GCM-SHA384",
    "TLS-DHE-RSA-WITH-CAMELLIA-256-GCM-SHA384",
    "TLS-ECDHE-ECDSA-WITH-CAMELLIA-256-CBC-SHA384",
    "TLS-ECDHE-RSA-WITH-CAMELLIA-256-CBC-SHA384",
    "TLS-DHE-RSA-WITH-CAMELLIA-256-CBC-SHA256",
    "TLS-DHE-RSA-WITH-CAMELLIA-256-CBC-SHA",
    "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256",
    "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256",
    "TLS-DHE-RSA-WITH-AES-128-GCM-SHA256",
    "TLS-ECDHE-ECDSA-WITH-AES-128-CCM",
    "TLS-DHE-RSA-WITH-AES-128-CCM",
    "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256",
    "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA256",
    "TLS-DHE-RSA-WITH-AES-128-CBC-SHA256",
)

CIPHERS: Final[Mapping[int, int]] = MappingProxyType(
    {number: code(name.replace("-", "_")) for number, name in enumerate(_PRINTED, start=1)})
"""<cipalgID> -> IANA suite code (§1.5.4)."""

IDS: Final = Choice.span(1, len(_PRINTED))
"""<cipalgID>: "integer type and range 1-31" (§1.5.4)."""

DEFAULT_IDS: Final[tuple[int, ...]] = tuple(CIPHERS)
"""The default cipher algorithms loaded when no id is enabled: the whole table (see above)."""

# fibocom-l610-ssl §1.4.4 <sslver>: 1 SSL3.0, 2 TLS1.0 (default), 3 TLS1.1, 4 TLS1.2. "range 0-4"
# names no protocol for 0: the emulator refuses it (emulator/README.md).
VERSIONS: Final[Mapping[int, Version]] = MappingProxyType(
    {1: SSL3, 2: TLS1_0, 3: TLS1_1, 4: TLS1_2})
SSLVERS: Final = Choice.span(1, 4)
DEFAULT_SSLVER: Final = 2


def offered(enabled: Iterable[int]) -> tuple[int, ...]:
    """The suite codes of a ClientHello: the enabled ids in id order, or the defaults."""
    ids = sorted(set(enabled)) or list(DEFAULT_IDS)
    return tuple(CIPHERS[i] for i in ids)
