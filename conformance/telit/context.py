"""The PDP context steps of both Telit documents: the activation line and the address it answers
(telit-ssl-ug §2; telit-gsm-ssl §2.1)."""

from __future__ import annotations

import ipaddress

from harness.apn import Network
from harness.modem import Response

#: The prefix of the activation answer, ``#SGACT:212.195.45.65`` (telit-ssl-ug §2) or
#: ``#SGACT: "212.195.45.65"`` (telit-gsm-ssl §2.1).
SGACT = "#SGACT"


def activation_line(network: Network, *, cid: int = 1) -> str:
    """``AT#SGACT=<cid>,1[,<userId>,<pwd>]`` (telit-ssl-ug §2): the credentials only when the network has them."""
    line = f"AT#SGACT={cid},1"
    if network.user is not None or network.password is not None:
        line += f',"{network.user or ""}","{network.password or ""}"'
    return line


def activation_address(r: Response, clause: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address of the one ``#SGACT:`` line of an activation answer, an IP literal quoted or not
    (errata TSU-52: the two documents print it in the two forms). Fails with ``clause`` otherwise."""
    found = [line for line in r.lines if line.startswith(SGACT + ":")]
    assert len(found) == 1, f"{clause}: one '#SGACT: <address>' line before OK expected; {r.describe()}"
    text = found[0][len(SGACT) + 1 :].strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        raise AssertionError(f"{clause}: '#SGACT: <address>' must give an IP address; {r.describe()}") from None
