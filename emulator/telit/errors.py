"""Telit SSL error codes (telit-ssl-ug §8.2 Tab. 4) and how they reach the DTE."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import Final

from emulator.core.errors import CmeError, CommandError, PlainError
from emulator.telit.defects import RESOURCE_TEXT_PERIOD, WRONG_CME_CODE
from emulator.telit.state import TelitContext, telit_state

SSL_FAMILY: Final = "ssl"


class SslError(IntEnum):
    """telit-ssl-ug §8.2 Tab. 4 (identical in telit-gsm-ssl §5)."""

    GENERIC = 830
    CANNOT_ACTIVATE = 831
    SOCKET_ERROR = 832
    NOT_CONNECTED = 833
    ALREADY_CONNECTED = 834
    ALREADY_ACTIVATED = 835
    NOT_ACTIVATED = 836
    CERTS_AND_KEYS = 837
    ENC_DEC = 838
    HANDSHAKE = 839
    DISCONNECTED = 840


SSL_ERROR_TEXT: Final[Mapping[SslError, str]] = MappingProxyType({
    SslError.GENERIC: "SSL generic error",
    SslError.CANNOT_ACTIVATE: "SSL cannot activate",
    SslError.SOCKET_ERROR: "SSL socket error",
    SslError.NOT_CONNECTED: "SSL not connected",
    SslError.ALREADY_CONNECTED: "SSL already connected",
    SslError.ALREADY_ACTIVATED: "SSL already activated",
    SslError.NOT_ACTIVATED: "SSL not activated",
    SslError.CERTS_AND_KEYS: "SSL certs and keys wrong or not stored",
    SslError.ENC_DEC: "SSL error enc/dec data",
    SslError.HANDSHAKE: "SSL error during handshake",
    SslError.DISCONNECTED: "SSL disconnected",
})

# telit-ssl-ug §4.3.1 prints the text with and without a final period; D5 takes it without.
RESOURCE_USED_TEXT: Final = "Resource used by another instance"
# The numeric form is not documented anywhere (D5). The emulator uses 3GPP TS 27.007's
# "operation not allowed", the closest standard meaning; a suite must not rely on it.
RESOURCE_USED_CODE: Final = 3


def ssl_error(ctx: TelitContext, code: SslError) -> CmeError:
    """The CME error for a Tab. 4 code, as this module reports it."""
    numeric = int(code)
    if code is SslError.NOT_ACTIVATED and ctx.has_defect(WRONG_CME_CODE):
        numeric = int(SslError.ALREADY_ACTIVATED)  # defect: wrong number, right text
    return CmeError(numeric, SSL_ERROR_TEXT[code], family=SSL_FAMILY)


def not_activated(ctx: TelitContext) -> CmeError:
    """"SSL not activated": a set or read form before #SSLEN (telit-ssl-ug §4.1, §4.7.1.1)."""
    return ssl_error(ctx, SslError.NOT_ACTIVATED)


def resource_used(ctx: TelitContext) -> CmeError:
    """The socket belongs to another AT instance (telit-ssl-ug §4.3.1, §4.3.2; D5, D6)."""
    text = RESOURCE_USED_TEXT + ("." if ctx.has_defect(RESOURCE_TEXT_PERIOD) else "")
    return CmeError(RESOURCE_USED_CODE, text, family=SSL_FAMILY)


def filter_error(ctx: TelitContext, error: CmeError) -> CommandError:
    """telit-gsm-ssl §5: SSL errors are reported only with #SELINT=2, else plain ERROR (D9)."""
    state = telit_state(ctx)
    if (error.family == SSL_FAMILY and state.platform.has_selint
            and state.selint.get(ctx.instance, 0) != 2):
        return PlainError(f"{error.text} hidden by #SELINT")
    return error
