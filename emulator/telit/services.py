"""SSL for one service at a time: SSLD, HTTP or FTP (telit-ssl-ug §6.2, §7.1; D25).

"SSL encryption can be used only by one service at a time": with #SSLEN=1,1 (the SSLD service)
#HTTPCFG <ssl_enabled> 1 and #FTPCFG <FTPSEn> 1 are refused, #SSLEN=1,1 is refused while HTTP or
FTP uses SSL, and HTTP and FTP exclude each other the same way. The security configuration of
SSId 1 (#SSLSECCFG, #SSLSECDATA) serves all three ("Security configuration is valid for SSLD,
HTTP, FTP services").
"""

from __future__ import annotations

from enum import Enum

from emulator.core.errors import GENERAL_ERROR_TEXT, OPERATION_NOT_ALLOWED, CmeError
from emulator.telit.state import TelitState

# The SSId whose #SSLEN is "the SSLD service" of D25, and whose configuration HTTP and FTP use.
SHARED_SSID = 1


class Service(Enum):
    """The services that may use SSL."""

    SSLD = "SSLD"
    HTTP = "HTTP"
    FTP = "FTP"


def ssl_user(state: TelitState) -> Service | None:
    """The service that uses SSL now, if any."""
    if state.sockets[SHARED_SSID].owner is not None:
        return Service.SSLD
    if any(profile.ssl_enabled for profile in state.http_profiles.values()):
        return Service.HTTP
    if state.ftp_config.ssl_enabled:
        return Service.FTP
    return None


def claim(state: TelitState, service: Service) -> None:
    """Refuse ``service`` SSL while another service holds it (D25: an error, code not judged).

    The emulator answers 3GPP TS 27.007 "operation not allowed" (+CME ERROR: 3).
    """
    user = ssl_user(state)
    if user is not None and user is not service:
        raise CmeError(OPERATION_NOT_ALLOWED, GENERAL_ERROR_TEXT[OPERATION_NOT_ALLOWED])
