"""The Telit dialect's named defects (telit-ssl-ug, telit-gsm-ssl), each switched at one place.

``products`` names the products on which a defect shows when that is not every product of the
documents its clause names (see :class:`emulator.core.defect.Defect`): the kill matrix demands a
kill on each of them.
"""

from __future__ import annotations

from typing import Final

from emulator.core.defect import Defect
from emulator.telit.products import GSM, THREE_FOUR_G, TWO_G

WRONG_CME_CODE: Final = "telit-wrong-cme-code"
OWNERSHIP_NOT_ENFORCED: Final = "telit-ownership-not-enforced"
CERT_FORMAT_ALWAYS_REPORTED: Final = "telit-cert-format-always-reported"
CONFIG_BEFORE_ENABLE: Final = "telit-config-before-enable"
SECCFG2_WRONG_DEFAULT: Final = "telit-seccfg2-wrong-default"
RESOURCE_TEXT_PERIOD: Final = "telit-resource-text-period"
ACCEPTS_EXPIRED_CERT: Final = "telit-accepts-expired-cert"
EXTRA_CIPHER_OFFERED: Final = "telit-extra-cipher-offered"
NO_CLIENT_CERT: Final = "telit-no-client-cert"
WRONG_SSLSRING_COUNT: Final = "telit-wrong-sslsring-count"
CORRUPT_RECV_BYTE: Final = "telit-corrupt-recv-byte"
NO_CARRIER_MISSING: Final = "telit-no-carrier-missing"
FASTD_FULL_HANDSHAKE: Final = "telit-fastd-full-handshake"
DER_IGNORED: Final = "telit-der-ignored"
SENDEXT_SHORT: Final = "telit-sendext-short"
ESCAPE_WITHOUT_GUARD: Final = "telit-escape-without-guard"
SSLSRING_OVER_LIMIT: Final = "telit-sslsring-over-limit"
NULL_SHA_OFFERED: Final = "telit-null-sha-offered"
SSLS_WITHOUT_CIPHER: Final = "telit-ssls-without-cipher-suite"
SEND_SHORT: Final = "telit-send-short"
SSLH_CLOSURE_IGNORED: Final = "telit-sslh-closure-type-ignored"
CLOSURE_TYPE_1_ACCEPTED: Final = "telit-closure-type-1-accepted"
SSLO_DROPS_PENDING: Final = "telit-sslo-drops-pending"
HTTP_SSL_WHILE_SSLEN: Final = "telit-http-ssl-while-sslen"
HTTPQRY_WITHOUT_TLS: Final = "telit-httpqry-without-tls"
HTTPRING_NO_CONTENT_TYPE: Final = "telit-httpring-no-content-type"
HTTPRCV_SHORT: Final = "telit-httprcv-short"
FTPCFG_WRONG_DEFAULT: Final = "telit-ftpcfg-wrong-default"
FTPOPEN_WITHOUT_TLS: Final = "telit-ftpopen-without-tls"
FTPGET_TRUNCATED: Final = "telit-ftpget-truncated"
FTPS_DATA_UNVERIFIED: Final = "telit-ftps-data-unverified"
FTPCLOSE_KEEPS_CONNECTION: Final = "telit-ftpclose-keeps-connection"
ACCEPTS_EXPIRED_ROOT: Final = "telit-accepts-expired-root"
SSLSRING_WRONG_SSID: Final = "telit-sslsring-wrong-ssid"
SSLSRING_OVER_1300: Final = "telit-sslsring-over-1300"
MAXTO_IGNORED: Final = "telit-maxto-ignored"
SSLSEND_TIMEOUT_REFUSED: Final = "telit-sslsend-timeout-refused"
SSLD_TIMEOUT_REFUSED: Final = "telit-ssld-timeout-refused"
TIMEOUT_IGNORED: Final = "telit-timeout-ignored"
COLUMN_IGNORED: Final = "telit-2g-column-ignored"
SECDATA_LIMIT_IGNORED: Final = "telit-secdata-limit-ignored"

DEFECTS: Final[tuple[Defect, ...]] = (
    Defect(name=WRONG_CME_CODE, clause="telit-ssl-ug §8.2 Tab. 4; telit-gsm-ssl §5",
           description="'SSL not activated' reported as +CME ERROR: 835 instead of 836 under "
                       "CMEE=1; the verbose text stays right",
           commands=("#SSLSECCFG", "#SSLSECCFG2", "#SSLCFG")),
    Defect(name=OWNERSHIP_NOT_ENFORCED, clause="telit-ssl-ug §4.2.2, §4.3.1, §4.3.2",
           description="another AT instance may disable or configure a socket it does not own",
           commands=("#SSLEN", "#SSLSECCFG", "#SSLSECCFG2", "#SSLCFG")),
    Defect(name=CERT_FORMAT_ALWAYS_REPORTED, clause="telit-ssl-ug §4.2.2",
           description="#SSLSECCFG? prints <cert_format> before it was ever set",
           commands=("#SSLSECCFG",),
           # only 3G/4G #SSLSECCFG has <cert_format> (§4.2.2)
           products=THREE_FOUR_G),
    Defect(name=CONFIG_BEFORE_ENABLE, clause="telit-ssl-ug §4.1, §4.7.1.1",
           description="#SSLCFG set and read forms work before #SSLEN enabled the socket",
           commands=("#SSLCFG",)),
    Defect(name=SECCFG2_WRONG_DEFAULT, clause="telit-ssl-ug §3 Tab. 1",
           description="#SSLSECCFG2 powers on with <version> 2 (TLS 1.1), a default no passage gives "
                       "(Tab. 1: 3 on platform 12, 1 on 20 and 23; §4.7.1.1: 1 on HE910)",
           commands=("#SSLSECCFG2",),
           # #SSLSECCFG2 exists on 3G/4G only (§3 warning)
           products=THREE_FOUR_G),
    Defect(name=RESOURCE_TEXT_PERIOD, clause="telit-ssl-ug §4.3.1 (docs/DECISIONS-issue2.md D5)",
           description="'Resource used by another instance' is printed with a final period, as §4.3.1 "
                       "once prints it: a benign variation the suite must tolerate (errata TSU-05)",
           benign=True,
           commands=("#SSLEN", "#SSLSECCFG", "#SSLSECCFG2", "#SSLCFG")),
    Defect(name=ACCEPTS_EXPIRED_CERT,
           clause="telit-ssl-ug §4.2.1, §4.2.2, §4.7.3, §5; telit-gsm-ssl §3.2",
           description="<auth_mode> 1 (and 2) accept a server leaf certificate outside its validity "
                       "dates; the rest of the chain is still checked",
           commands=("#SSLSECCFG", "#SSLD")),
    Defect(name=EXTRA_CIPHER_OFFERED, clause="telit-ssl-ug §4.2.1, §4.2.2; telit-gsm-ssl §3.2",
           description="a non-zero <CipherSuite> offers the next id's suite as well as its own",
           commands=("#SSLSECCFG",)),
    Defect(name=NO_CLIENT_CERT, clause="telit-ssl-ug §4.2.1, §4.2.2, §4.7.4; telit-gsm-ssl §3.2",
           description="<auth_mode> 2 never presents the stored client certificate (an empty "
                       "Certificate message answers the server's request)",
           commands=("#SSLSECCFG", "#SSLSECDATA")),
    Defect(name=WRONG_SSLSRING_COUNT, clause="telit-ssl-ug §5.1.2.2.2, §5.4.4.1",
           description="SSLSRING mode 1 announces one byte more than is waiting",
           commands=("SSLSRING",)),
    Defect(name=CORRUPT_RECV_BYTE,
           clause="telit-ssl-ug §5.1.2.2.1, §5.4.2, §5.4.3, §5.4.4.1; telit-gsm-ssl §4.2.2.2, §4.5.3",
           description="the first byte of every non-empty #SSLRECV / #SSLRCV payload has its lowest "
                       "bit flipped",
           commands=("#SSLRECV", "#SSLRCV")),
    Defect(name=NO_CARRIER_MISSING, clause="telit-ssl-ug §5.2, §5.4.2, §5.4.3, §5.4.4.1, §5.4.4.2",
           description="in COMMAND mode, the server's close prints no NO CARRIER once the last byte "
                       "is read (the socket still closes; ONLINE mode is unchanged)",
           commands=("#SSLRECV",)),
    Defect(name=FASTD_FULL_HANDSHAKE, clause="telit-ssl-ug §5, §5.3, §5.4.5; telit-gsm-ssl §4.5.4",
           description="#SSLFASTD does a full handshake instead of resuming the saved session",
           commands=("#SSLFASTD",),
           # #SSLFASTD exists on 2G only (§5 Tab. 3; telit-gsm-ssl §4.5.4)
           products=TWO_G | GSM),
    Defect(name=DER_IGNORED, clause="telit-ssl-ug §4.4, §4.7.3.2.1",
           description="#SSLSECDATA in DER reads its <size> bytes and answers OK but stores "
                       "nothing",
           commands=("#SSLSECDATA",),
           # DER is a 3G/4G <cert_format> (§4.2.2)
           products=THREE_FOUR_G),
    Defect(name=SENDEXT_SHORT, clause="telit-ssl-ug §5.1.2.1",
           description="#SSLSENDEXT sends one byte less than it read (the last one is lost)",
           commands=("#SSLSENDEXT",)),
    Defect(name=ESCAPE_WITHOUT_GUARD, clause="telit-ssl-ug §5.1.1; telit-gsm-ssl §4.2.1",
           description="+++ suspends ONLINE mode wherever it appears in the data, without the S12 "
                       "guard times before and after",
           commands=("#SSLD", "#SSLO")),
    Defect(name=SSLSRING_OVER_LIMIT, clause="telit-ssl-ug §5.1.2.2.2, §5.4.4.2",
           description="SSLSRING mode 2 puts up to twice the platform's limit (256 / 1300 bytes) "
                       "in one URC",
           commands=("SSLSRING",)),
    Defect(name=NULL_SHA_OFFERED, clause="telit-ssl-ug §4.2.2",
           description="<CipherSuite> 0 on 3G/4G offers TLS_RSA_WITH_NULL_SHA as well",
           commands=("#SSLSECCFG",),
           # the switch adds the suite only to a 3G/4G offer (it has a <version>)
           products=THREE_FOUR_G),
    Defect(name=SSLS_WITHOUT_CIPHER, clause="telit-ssl-ug §5.4.1, §5.4.2, §5.4.3; telit-gsm-ssl §4.5.3",
           description="#SSLS answers a connected socket with '#SSLS: <SSId>,2' and no <cipher_suite>",
           commands=("#SSLS",)),
    Defect(name=SEND_SHORT,
           clause="telit-ssl-ug §5.1.2.1, §5.4.2, §5.4.3, §5.4.4.1, §5.4.4.2; telit-gsm-ssl §4.2.2.1, §4.5.3",
           description="#SSLSEND sends the data typed before Ctrl-Z less its last byte",
           commands=("#SSLSEND",)),
    Defect(name=SSLH_CLOSURE_IGNORED, clause="telit-ssl-ug §5.2, §5.4.5; telit-gsm-ssl §4.5.4",
           description="#SSLH ignores an explicit <ClosureType>: the one given to #SSLD decides whether "
                       "#SSLFASTD may resume (2G), so #SSLH=1,0 does not release a kept session",
           commands=("#SSLH",),
           # <ClosureType> 1 exists on 2G only (§5 Tab. 3): elsewhere 0 is all there is
           products=TWO_G | GSM),
    Defect(name=CLOSURE_TYPE_1_ACCEPTED, clause="telit-ssl-ug §5",
           description="#SSLD accepts <ClosureType> 1 on 3G/4G, where Tab. 3 allows only 0, and dials",
           commands=("#SSLD",),
           # 2G accepts <ClosureType> 1 anyway (§5 Tab. 3)
           products=THREE_FOUR_G),
    Defect(name=SSLO_DROPS_PENDING, clause="telit-ssl-ug §5.1.1; telit-gsm-ssl §4.2.1",
           description="#SSLO discards the bytes that arrived while the connection was suspended: "
                       "ONLINE mode resumes with what comes next",
           commands=("#SSLO",)),
    Defect(name=HTTP_SSL_WHILE_SSLEN, clause="telit-ssl-ug §6.2",
           description="#HTTPCFG refuses <ssl_enabled> 1 even after #SSLEN=1,0 released SSL from #SSLD: "
                       "§6.2's procedure for HTTPS never works (re-aimed in issue 14: the refusal while "
                       "#SSLEN=1,1 is an observation, errata TSU-39)",
           commands=("#HTTPCFG",)),
    Defect(name=HTTPQRY_WITHOUT_TLS, clause="telit-ssl-ug §6.2",
           description="#HTTPQRY sends its request over plain TCP although the profile's <ssl_enabled> "
                       "is 1",
           commands=("#HTTPQRY",)),
    Defect(name=HTTPRING_NO_CONTENT_TYPE, clause="telit-ssl-ug §6.2",
           description="#HTTPRING announces an empty <content_type> whatever the server sent",
           commands=("#HTTPRING",)),
    Defect(name=HTTPRCV_SHORT, clause="telit-ssl-ug §6.2",
           description="#HTTPRCV prints the body less its last byte",
           commands=("#HTTPRCV",)),
    Defect(name=FTPCFG_WRONG_DEFAULT, clause="telit-ssl-ug §6.2",
           description="#FTPCFG powers on with <tout> 500 (#FTPCFG: 500,0,0) instead of 100",
           commands=("#FTPCFG",)),
    Defect(name=FTPOPEN_WITHOUT_TLS, clause="telit-ssl-ug §7, §7.1",
           description="#FTPOPEN logs in over plain FTP, without AUTH TLS, although #FTPCFG <FTPSEn> "
                       "is 1",
           commands=("#FTPOPEN",)),
    Defect(name=FTPGET_TRUNCATED, clause="telit-ssl-ug §7.1",
           description="#FTPGET passes on the file less its last byte before NO CARRIER",
           commands=("#FTPGET",)),
    Defect(name=FTPS_DATA_UNVERIFIED, clause="telit-ssl-ug §7",
           description="the FTPS data connection of #FTPGET verifies nothing: it accepts a server chain the "
                       "stored CA does not lead to, while the control connection is verified",
           commands=("#FTPGET",)),
    Defect(name=FTPCLOSE_KEEPS_CONNECTION, clause="telit-ssl-ug §7.1",
           description="#FTPCLOSE answers OK but leaves the FTPS control connection open",
           commands=("#FTPCLOSE",)),
    Defect(name=ACCEPTS_EXPIRED_ROOT, clause="telit-ssl-ug §4.5, §4.2.1, §4.2.2",
           description="<auth_mode> 1 (and 2) accept a stored root CA outside its validity dates (expired "
                       "or not yet valid); the rest of the chain is still checked",
           commands=("#SSLD",)),
    Defect(name=SSLSRING_WRONG_SSID, clause="telit-ssl-ug §5.1.2.2.2, §5.4.4.2",
           description="SSLSRING mode 2 names the next socket (<SSId> + 1) in its header instead of the "
                       "socket the data came on",
           commands=("SSLSRING",)),
    Defect(name=SSLSRING_OVER_1300, clause="telit-ssl-ug §5.1.2.2.2",
           description="SSLSRING mode 2 on 3G/4G puts up to 1301 bytes in one URC, one over the "
                       "1300 of §5.1.2.2.2",
           commands=("SSLSRING",),
           # the 1300-byte limit is the 3G/4G one (§5.1.2.2.2)
           products=THREE_FOUR_G),
    Defect(name=MAXTO_IGNORED, clause="telit-ssl-ug §4.6, §5.1.1; telit-gsm-ssl §4.2.1",
           description="#SSLCFG <maxTo> is stored and read back but never closes an idle ONLINE "
                       "connection",
           commands=("#SSLCFG",)),
    Defect(name=SSLSEND_TIMEOUT_REFUSED, clause="telit-ssl-ug §5.1.2.1; telit-gsm-ssl §4.2.2.1",
           description="#SSLSEND refuses its optional <Timeout> (AT#SSLSEND=<SSId>,<Timeout> is "
                       "ERROR); without it, it works",
           commands=("#SSLSEND",)),
    Defect(name=SSLD_TIMEOUT_REFUSED, clause="telit-ssl-ug §5",
           description="#SSLD refuses its optional sixth parameter <Timeout> (ERROR, nothing dialled); "
                       "without it, it works",
           commands=("#SSLD",)),
    Defect(name=TIMEOUT_IGNORED, clause="telit-ssl-ug §5, §5.1.2.1; telit-gsm-ssl §4.2.2.1",
           description="#SSLD, #SSLSEND and #SSLSENDEXT accept <Timeout> but wait <defTo> instead: a handshake "
                       "never answered or a send that cannot go fails only after <defTo>",
           commands=("#SSLD", "#SSLSEND", "#SSLSENDEXT")),
    Defect(name=COLUMN_IGNORED, clause="telit-ssl-ug §4.2.1, §8.1.1",
           description="a non-zero <CipherSuite> on 2G proposes its suite up to TLS 1.2 whatever its "
                       "§8.1.1 column (RC4_128_MD5, marked under TLS 1.0 only, is offered in a TLS 1.2 "
                       "ClientHello)",
           commands=("#SSLSECCFG",),
           # the protocol columns of non-zero ids are a 2G matter (§4.2.1; 3G/4G take #SSLSECCFG2)
           products=TWO_G),
    Defect(name=SECDATA_LIMIT_IGNORED, clause="telit-ssl-ug §4.4; telit-gsm-ssl §2.2.2",
           description="#SSLSECDATA stores security data over the platform's maximum (the test form still "
                       "shows it): a root larger than the limit is stored and authenticates its server",
           commands=("#SSLSECDATA",)),
)
"""Every Telit defect."""
