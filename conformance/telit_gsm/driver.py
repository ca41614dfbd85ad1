"""The socket driver of telit-gsm-ssl modules: telit-ssl-ug's driver with the older guide's differences.

Security data only in NVM and without <Size> (telit-gsm-ssl §3.3: ``AT#SSLSECDATA=<SSId>,1,<DataType>``),
#SSLRCV for #SSLRECV (§4.2.2.2, errata TSU-14), #SSLSEND ended by Ctrl-Z and no #SSLSENDEXT (§4.2.2.1),
no #SSLSECCFG2, and servers that accept TLS 1.0 (errata TSU-21).
"""

from __future__ import annotations

from typing import Any, ClassVar

from conformance.shared.driver import AuthMode, Storage
from conformance.telit.driver import TelitDriver
from conformance.telit.sockets import CTRL_Z
from harness.clauses import Clause
from harness.modem import Response
from servers.protocol import TlsVersion


class TelitGsmDriver(TelitDriver):
    """SSId 1, the only socket (telit-gsm-ssl §3.2)."""

    document = "telit-gsm-ssl"
    auth_clauses: ClassVar[tuple[Clause, ...]] = (Clause("telit-gsm-ssl", "3.2"),)
    #: #SSLSEND and #SSLRCV
    exchange_clauses: ClassVar[tuple[Clause, ...]] = (
        Clause("telit-gsm-ssl", "4.2.2.1"),
        Clause("telit-gsm-ssl", "4.2.2.2"),
    )
    store_clause: ClassVar[str] = "telit-gsm-ssl §3.3"
    dial_clause: ClassVar[str] = "telit-gsm-ssl §4.1"
    send_clause: ClassVar[str] = "telit-gsm-ssl §4.2.2.1"
    recv_clause: ClassVar[str] = "telit-gsm-ssl §4.2.2.2"
    recv_command: ClassVar[str] = "#SSLRCV"
    #: What telit-gsm-ssl §3.2 says of each <auth_mode>.
    auth_quotes: ClassVar[dict[AuthMode, str]] = {
        AuthMode.NONE: "No authentication → No security data is needed at all",
        AuthMode.SERVER: "Server authentication (the most common case) → CACertificate storage is needed",
        AuthMode.SERVER_CLIENT: "Client/Server authentication → CACertificate (server), Certificate (client) and "
        "private key (client) are needed",
    }

    def server_overrides(self) -> dict[str, Any]:
        """The farm's servers accept TLS 1.0 too: these modules speak up to TLS 1.0 (errata TSU-21)."""
        return {"versions": (TlsVersion.TLS1_0, TlsVersion.TLS1_2)}

    @property
    def storage(self) -> Storage:
        """NVM: the document's only store action is 1, "store data within NVM" (§3.3)."""
        return Storage.NVM

    def _secdata_line(self, action: int, data_type: int, size: int) -> str:
        # telit-gsm-ssl §3.3: AT#SSLSECDATA=<SSId>,<Action=1>,<DataType>, no <Size>: Ctrl-Z ends the data.
        return f"AT#SSLSECDATA={self.ssid},{action},{data_type}"

    def _send_once(self, piece: bytes) -> Response:
        # §4.2.2.1: AT#SSLSEND=<SSId>[,<Timeout>], the data ended by Ctrl-Z (so it cannot carry 0x1A).
        if CTRL_Z in piece:
            raise ValueError(f"{self.send_clause}: #SSLSEND data is ended by Ctrl-Z and cannot contain it")
        return self.modem.command(f"AT#SSLSEND={self.ssid}", data=piece + CTRL_Z)
