"""The Fibocom products the emulator plays: the L610 of fibocom-l610-ssl ("Applicability Type").

What the document leaves open and the emulator chose (emulator/README.md "The Fibocom dialect"):
the +CGMM / +CGMR strings, four sockets (``<Socket_ID>`` 1-4; the examples use 1 only), LTE
("4G": the L610 is a Cat 1 module; Example 6 reads ``+COPS: 0,0,"CHINA MOBILE",7``, AcT 7 E-UTRAN).
"""

from __future__ import annotations

from typing import Final

from emulator.core.product import Profile

PRODUCTS: Final[tuple[Profile, ...]] = (
    Profile(name="fibocom/l610", dialect="fibocom", document="fibocom-l610-ssl", technology="4G",
            manufacturer="Fibocom", model="L610", firmware="16000.1000.00.96.01.xx",
            ssl_sockets=4),
)
"""Every Fibocom product."""
