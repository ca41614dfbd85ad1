"""What the module needs to bring PDP context 1 up for the tests that connect (``--apn``, ``--apn-user``,
``--apn-password``). The credentials are secrets: the plugin registers them with :mod:`harness.redaction`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Network:
    """telit-ssl-ug §2: ``+CGDCONT=1,"IP",<apn>`` and ``#SGACT=<cid>,<stat>[,<userId>,<pwd>]``."""

    apn: str = "internet"
    user: str | None = None
    password: str | None = None
