"""What the module needs to bring its packet data connection up for the tests that connect (``--apn``,
``--apn-user``, ``--apn-password``). The credentials are secrets: the plugin registers them with
:mod:`harness.redaction`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Network"]


@dataclass(frozen=True)
class Network:
    """The APN of PDP context 1 (3GPP TS 27.007 §10.1.1 ``+CGDCONT=1,"IP",<apn>``) and the user name and
    password the dialect's PDP activation gives, when the network asks for them."""

    apn: str = "internet"
    user: str | None = None
    password: str | None = None
