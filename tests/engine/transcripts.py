"""Response shapes from the transcripts of the five documents, as tables for the engine's tests.

Each case is a list of steps (what the host sends, what the target answers) and the events the engine
must yield. Bytes follow V.250 framing (``<CR><LF>text<CR><LF>``), which the documents omit; echo is on
unless the case says otherwise, as on a module at power-on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.engine import Command
from harness.events import (
    Echo,
    Event,
    FinalResult,
    InformationLine,
    OnlineData,
    Payload,
    Prompt,
    ResultKind,
    Urc,
)


@dataclass(frozen=True)
class Send:
    command: Command


@dataclass(frozen=True)
class Recv:
    data: bytes


@dataclass(frozen=True)
class Answer:
    """Write input after a prompt."""

    data: bytes


@dataclass(frozen=True)
class Escape:
    """Send +++ in online data state."""


Step = Send | Recv | Answer | Escape


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    dialect: str
    steps: tuple[Step, ...]
    events: tuple[Event, ...]
    ends_idle: bool = True
    tags: frozenset[str] = field(default_factory=frozenset)


OK = FinalResult(kind=ResultKind.OK, text="OK")
ERROR = FinalResult(kind=ResultKind.ERROR, text="ERROR")


def info(text: str) -> InformationLine:
    return InformationLine(text=text)


def echo(line: str) -> Echo:
    return Echo(data=line.encode() + b"\r")


def cmd(line: str, prompt: str | None = None) -> Send:
    return Send(Command(line=line, prompt=prompt))


def resp(*lines: str, final: str = "OK") -> bytes:
    """V.250 verbose framing: each information line and the final framed by CR LF."""
    body = b"".join(b"\r\n" + line.encode("latin-1") + b"\r\n" for line in lines)
    return body + b"\r\n" + final.encode() + b"\r\n"


def query(line: str, *lines: str, dialect: str, source: str, id: str) -> Case:
    """A command answered with information lines and OK, echo on."""
    return Case(
        id=id,
        source=source,
        dialect=dialect,
        steps=(cmd(line), Recv(line.encode() + b"\r" + resp(*lines))),
        events=(echo(line), *(info(x) for x in lines), OK),
    )


PEM = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
BINARY = bytes(range(256))  # every byte value: CR, LF, '>', 0x1A, NUL ...
RESPONSE_300 = (b"HTTP/1.1 200 OK\r\n" + b">\x1a\r\n" * 94)[:300]

CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- telit-ssl-ug
    query("AT+CGMM", "HE910", dialect="telit", source="telit-ssl-ug §4.3.1", id="telit-cgmm"),
    query(
        "AT#SSLCFG=?",
        "#SSLCFG: (1),(1),(0-1500),(0-65535),(10-5000),(0-255),(0-2),(0),(0)",
        dialect="telit",
        source="telit-ssl-ug §4.3.1",
        id="telit-sslcfg-test",
    ),
    query(
        "AT#SSLEN?",
        *(f"#SSLEN: {i},{1 if i in (2, 3, 4) else 0}" for i in range(1, 7)),
        dialect="telit",
        source="telit-ssl-ug §4.3.2",
        id="telit-sslen-six-sockets",
    ),
    Case(
        id="telit-cme-verbose",
        source="telit-ssl-ug §4.3.1",
        dialect="telit",
        steps=(cmd("AT#SSLEN=1,0"), Recv(b"AT#SSLEN=1,0\r\r\n+CME ERROR: Resource used by another instance\r\n")),
        events=(
            echo("AT#SSLEN=1,0"),
            FinalResult(
                kind=ResultKind.CME_ERROR,
                text="+CME ERROR: Resource used by another instance",
                message="Resource used by another instance",
            ),
        ),
    ),
    Case(
        id="telit-cme-numeric-echo-off",
        source="telit-ssl-ug §8.2 Tab. 4",
        dialect="telit",
        steps=(cmd("AT#SSLSECCFG2?"), Recv(b"\r\n+CME ERROR: 836\r\n")),
        events=(FinalResult(kind=ResultKind.CME_ERROR, text="+CME ERROR: 836", code=836),),
    ),
    Case(
        id="telit-plain-error",
        source="telit-ssl-ug §5 (#SSLD handshake failure)",
        dialect="telit",
        steps=(cmd('AT#SSLD=1,443,"123.124.125.126",0,1'), Recv(b"\r\nERROR\r\n")),
        events=(ERROR,),
    ),
    query(
        "AT#SSLCFG?",
        "#SSLCFG: 1,1,300,90,100,50,0,0,0,0",
        dialect="telit",
        source="telit-ssl-ug §4.7.1.1",
        id="telit-sslcfg-read",
    ),
    Case(
        id="telit-sslsecdata-pem-prompt",
        source="telit-ssl-ug §4.7.3.1",
        dialect="telit",
        steps=(
            cmd("AT#SSLSECDATA=1,1,1,56", prompt=">"),
            Recv(b"AT#SSLSECDATA=1,1,1,56\r\r\n> "),
            Answer(PEM + b"\x1a"),
            Recv(resp(final="OK")),
        ),
        events=(echo("AT#SSLSECDATA=1,1,1,56"), Prompt(text=">"), OK),
    ),
    Case(
        id="telit-sslsecdata-der-echoed",
        source="telit-ssl-ug §4.7.3.2.1 (DER by size; a module may echo what it reads)",
        dialect="telit",
        steps=(
            cmd("AT#SSLSECDATA=1,1,1,256", prompt=">"),
            Recv(b"\r\n> "),
            Answer(BINARY),
            Recv(BINARY + resp()),
        ),
        events=(Prompt(text=">"), Echo(data=BINARY), OK),
    ),
    Case(
        id="telit-sslsend-ctrlz",
        source="telit-ssl-ug §5.4.2",
        dialect="telit",
        steps=(
            cmd("AT#SSLSEND=1", prompt=">"),
            Recv(b"AT#SSLSEND=1\r\r\n> "),
            Answer(b"Send this string to the SSL server!\x1a"),
            Recv(b"\r\nOK\r\n"),
        ),
        events=(echo("AT#SSLSEND=1"), Prompt(text=">"), OK),
    ),
    Case(
        id="telit-sslrecv-timeout",
        source="telit-ssl-ug §5.1.2.2.1",
        dialect="telit",
        steps=(cmd("AT#SSLRECV=1,15"), Recv(b"\r\n#SSLRECV: 0\r\nTIMEOUT\r\n\r\nOK\r\n")),
        events=(info("#SSLRECV: 0"), Payload(data=b"", announced=0), info("TIMEOUT"), OK),
    ),
    Case(
        id="telit-sslrcv-payload",
        source="telit-ssl-ug §5.4.2 (#SSLRCV spelling)",
        dialect="telit",
        steps=(cmd("AT#SSLRCV=1,15"), Recv(b"\r\n#SSLRCV: 15\r\nResponse of the\r\n\r\nOK\r\n")),
        events=(info("#SSLRCV: 15"), Payload(data=b"Response of the", announced=15), OK),
    ),
    Case(
        id="telit-sslrecv-binary-payload",
        source="telit-ssl-ug §5.1.2.2.1 (payload holds CR, LF, '>' and 0x1A)",
        dialect="telit",
        steps=(cmd("AT#SSLRECV=1,300"), Recv(b"\r\n#SSLRECV: 256\r\n" + BINARY + b"\r\n\r\nOK\r\n")),
        events=(info("#SSLRECV: 256"), Payload(data=BINARY, announced=256), OK),
    ),
    Case(
        id="telit-sslsring-mode1-between-commands",
        source="telit-ssl-ug §5.4.4.1",
        dialect="telit",
        steps=(
            Recv(b"\r\nSSLSRING: 1,400\r\n"),
            cmd("AT#SSLRECV=1,300"),
            Recv(b"AT#SSLRECV=1,300\r\r\n#SSLRECV: 300\r\n" + RESPONSE_300 + b"\r\n\r\nOK\r\n"),
            Recv(b"\r\nSSLSRING: 1,100\r\n"),
        ),
        events=(
            Urc(text="SSLSRING: 1,400"),
            echo("AT#SSLRECV=1,300"),
            info("#SSLRECV: 300"),
            Payload(data=RESPONSE_300, announced=300),
            OK,
            Urc(text="SSLSRING: 1,100"),
        ),
    ),
    Case(
        id="telit-sslsring-mode2-data-inline",
        source="telit-ssl-ug §5.4.4.2",
        dialect="telit",
        steps=(
            Recv(b"\r\nSSLSRING: 1,256," + BINARY + b"\r\n"),
            Recv(b"\r\nSSLSRING: 1,144," + RESPONSE_300[:144] + b"\r\n"),
            Recv(b"\r\nNO CARRIER\r\n"),
        ),
        events=(
            Urc(text="SSLSRING: 1,256", payload=BINARY),
            Urc(text="SSLSRING: 1,144", payload=RESPONSE_300[:144]),
            Urc(text="NO CARRIER"),
        ),
    ),
    Case(
        id="telit-sslsring-no-space",
        source="telit-ssl-ug §5.1.2.2.2 (SSLSRING:<SSId>,<dataLen>,<data>)",
        dialect="telit",
        steps=(Recv(b"\r\nSSLSRING:1,3,a\rb\r\n"),),
        events=(Urc(text="SSLSRING:1,3", payload=b"a\rb"),),
    ),
    Case(
        id="telit-urc-while-pending",
        source="telit-ssl-ug §5.1.2 (URC during a command)",
        dialect="telit",
        steps=(cmd("AT#SSLS=1"), Recv(b"\r\nSSLSRING: 1,20\r\n\r\n#SSLS: 1,2,<cipher_suite>\r\n\r\nOK\r\n")),
        events=(Urc(text="SSLSRING: 1,20"), info("#SSLS: 1,2,<cipher_suite>"), OK),
    ),
    Case(
        id="telit-online-escape",
        source="telit-ssl-ug §5.4.1",
        dialect="telit",
        steps=(
            cmd('AT#SSLD=1,443,"123.124.125.126",0,0'),
            Recv(b"\r\nCONNECT\r\n" + BINARY),
            Escape(),
            Recv(b"\r\nOK\r\n"),
        ),
        events=(FinalResult(kind=ResultKind.CONNECT, text="CONNECT"), OnlineData(data=BINARY), OK),
    ),
    Case(
        id="telit-online-remote-close",
        source="telit-ssl-ug §6.1 (NO CARRIER on server close)",
        dialect="telit",
        steps=(
            cmd('AT#SSLD=1,443,"www.example",0,0'),
            Recv(b"\r\nCONNECT\r\nHTTP/1.1 200 OK\r\n\r\n<html></html>\r\nNO CARRIER\r\n"),
        ),
        events=(
            FinalResult(kind=ResultKind.CONNECT, text="CONNECT"),
            OnlineData(data=b"HTTP/1.1 200 OK\r\n\r\n<html></html>"),
            Urc(text="NO CARRIER"),
        ),
    ),
    Case(
        id="telit-online-stays-open",
        source="telit-ssl-ug §5.1.1 (data until escape)",
        dialect="telit",
        steps=(cmd("AT#SSLO=1"), Recv(b"\r\nCONNECT\r\nabc")),
        events=(FinalResult(kind=ResultKind.CONNECT, text="CONNECT"), OnlineData(data=b"abc")),
        ends_idle=False,
    ),
    Case(
        id="telit-httpring",
        source="telit-ssl-ug §6.2",
        dialect="telit",
        steps=(cmd('AT#HTTPQRY=0,0,"/"'), Recv(resp()), Recv(b'\r\n#HTTPRING: 0,200,"text/html",120\r\n')),
        events=(OK, Urc(text='#HTTPRING: 0,200,"text/html",120')),
    ),
    Case(
        id="telit-numeric-results",
        source="V.250 §6.2.6 (ATV0), telit-ssl-ug §4.3.1 (+CMEE?)",
        dialect="telit",
        steps=(
            cmd("ATV0"),
            Recv(b"ATV0\r0\r"),
            cmd("AT+CMEE?"),
            Recv(b"AT+CMEE?\r+CMEE: 0\r\n0\r"),
            cmd("ATV1"),
            Recv(b"ATV1\r\r\nOK\r\n"),
        ),
        events=(
            echo("ATV0"),
            FinalResult(kind=ResultKind.OK, text="0"),
            echo("AT+CMEE?"),
            info("+CMEE: 0"),
            FinalResult(kind=ResultKind.OK, text="0"),
            echo("ATV1"),
            OK,
        ),
    ),
    query(
        "AT#SSLSECCFG?", "#SSLSECCFG: 1,0,0", dialect="telit", source="telit-ssl-ug §4.7.1.1", id="telit-seccfg-read"
    ),
    # --------------------------------------------------------------- telit-gsm-ssl
    query("AT#SSLH=1", "DISCONNECTED", dialect="telit-gsm", source="telit-gsm-ssl §4.5.2", id="gsm-sslh-disconnected"),
    query("AT#SGACT=1,1", '#SGACT: "212.195.45.65"', dialect="telit-gsm", source="telit-gsm-ssl §2.1", id="gsm-sgact"),
    Case(
        id="gsm-sslrcv-24",
        source="telit-gsm-ssl §4.5.3",
        dialect="telit-gsm",
        steps=(cmd("AT#SSLRCV=1,100"), Recv(b"\r\n#SSLRCV: 24\r\nResponse in command mode\r\n\r\nOK\r\n")),
        events=(info("#SSLRCV: 24"), Payload(data=b"Response in command mode", announced=24), OK),
    ),
    # ------------------------------------------------------------- quectel-gsm-ssl
    Case(
        id="qgsm-qsecwrite-connect-prompt",
        source="quectel-gsm-ssl §3.1",
        dialect="quectel-gsm",
        steps=(
            cmd('AT+QSECWRITE="RAM:ca_cert.pem",56,100', prompt="CONNECT"),
            Recv(b"\r\nCONNECT\r\n"),
            Answer(PEM),
            Recv(resp("+QSECWRITE: 56,4039")),
        ),
        events=(Prompt(text="CONNECT"), info("+QSECWRITE: 56,4039"), OK),
    ),
    Case(
        id="qgsm-qsslopen-result-urc",
        source="quectel-gsm-ssl §3.1 (+QSSLOPEN after OK is unsolicited)",
        dialect="quectel-gsm",
        steps=(cmd('AT+QSSLOPEN=1,0,"116.247.104.27",465,0'), Recv(b"\r\nOK\r\n\r\n+QSSLOPEN: 1,0\r\n")),
        events=(OK, Urc(text="+QSSLOPEN: 1,0")),
    ),
    query(
        "AT+QSSLOPEN=?",
        "+QSSLOPEN: <ssid>,<ctxindex>,<ipaddr/domainname>,<port>,<connectmode>[,<timeout>]",
        dialect="quectel-gsm",
        source="quectel-gsm-ssl §2.2.2 (the pending command decides)",
        id="qgsm-qsslopen-test-is-solicited",
    ),
    Case(
        id="qgsm-qsslsend-fixed",
        source="quectel-gsm-ssl §3.1",
        dialect="quectel-gsm",
        steps=(
            cmd("AT+QSSLSEND=1,12", prompt=">"),
            Recv(b"\r\n> "),
            Answer(b"0123456789\r\n"),
            Recv(b"\r\nSEND OK\r\n"),
        ),
        events=(Prompt(text=">"), FinalResult(kind=ResultKind.VENDOR_OK, text="SEND OK")),
    ),
    Case(
        id="qgsm-qsslsend-fail",
        source="quectel-gsm-ssl §2.2.4",
        dialect="quectel-gsm",
        steps=(cmd("AT+QSSLSEND=1", prompt=">"), Recv(b"\r\n> "), Answer(b"x\x1a"), Recv(b"\r\nSEND FAIL\r\n")),
        events=(Prompt(text=">"), FinalResult(kind=ResultKind.VENDOR_ERROR, text="SEND FAIL")),
    ),
    Case(
        id="qgsm-recv-urc-and-read",
        source="quectel-gsm-ssl §3.1",
        dialect="quectel-gsm",
        steps=(
            Recv(b'\r\n+QSSLURC: "recv",0,1\r\n'),
            cmd("AT+QSSLRECV=0,1,1500"),
            Recv(b"\r\n+QSSLRECV: 116.247.104.27:465,TCP,7\r\n1234567\r\nOK\r\n"),
        ),
        events=(
            Urc(text='+QSSLURC: "recv",0,1'),
            info("+QSSLRECV: 116.247.104.27:465,TCP,7"),
            Payload(data=b"1234567", announced=7),
            OK,
        ),
    ),
    Case(
        id="qgsm-close-ok-with-index",
        source="quectel-gsm-ssl §3.1",
        dialect="quectel-gsm",
        steps=(cmd("AT+QSSLCLOSE=1"), Recv(b"\r\n1, CLOSE OK\r\n")),
        events=(FinalResult(kind=ResultKind.VENDOR_OK, text="1, CLOSE OK"),),
    ),
    Case(
        id="qgsm-close-ok-plain",
        source="quectel-gsm-ssl §2.2.3",
        dialect="quectel-gsm",
        steps=(cmd("AT+QSSLCLOSE=3"), Recv(b"\r\nCLOSE OK\r\n")),
        events=(FinalResult(kind=ResultKind.VENDOR_OK, text="CLOSE OK"),),
    ),
    Case(
        id="qgsm-qilocip-single-line",
        source="quectel-gsm-ssl §3.1 (no result code after the address)",
        dialect="quectel-gsm",
        steps=(cmd("AT+QILOCIP"), Recv(b"\r\n10.1.83.188\r\n")),
        events=(info("10.1.83.188"), FinalResult(kind=ResultKind.LINE, text="10.1.83.188")),
    ),
    Case(
        id="qgsm-deact-ok",
        source="quectel-gsm-ssl §3.1",
        dialect="quectel-gsm",
        steps=(cmd("AT+QIDEACT"), Recv(b"\r\nDEACT OK\r\n")),
        events=(FinalResult(kind=ResultKind.VENDOR_OK, text="DEACT OK"),),
    ),
    Case(
        id="qgsm-tcp-coexists",
        source="quectel-gsm-ssl §3.3",
        dialect="quectel-gsm",
        steps=(
            cmd('AT+QIOPEN=1,"TCP","116.247.104.27",6021'),
            Recv(b"\r\nOK\r\n\r\n1, CONNECT OK\r\n\r\n+QIRDI: 0,1,1\r\n"),
            cmd("AT+QIRD=0,1,1,1024"),
            Recv(b"\r\n+QIRD: 116.247.104.27:6021,TCP,5\r\nAbcde\r\nOK\r\n"),
            Recv(b'\r\n+QSSLURC: "closed",3\r\n'),
        ),
        events=(
            OK,
            Urc(text="1, CONNECT OK"),
            Urc(text="+QIRDI: 0,1,1"),
            info("+QIRD: 116.247.104.27:6021,TCP,5"),
            Payload(data=b"Abcde", announced=5),
            OK,
            Urc(text='+QSSLURC: "closed",3'),
        ),
    ),
    # ------------------------------------------------------------ quectel-ec200-ssl
    Case(
        id="ec200-open-buffer-mode",
        source="quectel-ec200-ssl §3.3.1",
        dialect="quectel-ec200",
        steps=(
            cmd('AT+QSSLOPEN=1,1,4,"220.180.239.212",8010,0'),
            Recv(b"\r\nOK\r\n\r\n+QSSLOPEN: 4,0\r\n"),
            cmd("AT+QSSLSTATE"),
            Recv(resp('+QSSLSTATE: 4,"SSLClient","220.180.239.212",8010,65344,2,1,4,0,"usbmodem",1')),
        ),
        events=(
            OK,
            Urc(text="+QSSLOPEN: 4,0"),
            info('+QSSLSTATE: 4,"SSLClient","220.180.239.212",8010,65344,2,1,4,0,"usbmodem",1'),
            OK,
        ),
    ),
    Case(
        id="ec200-send-variable",
        source="quectel-ec200-ssl §3.3.2.1",
        dialect="quectel-ec200",
        steps=(
            cmd("AT+QSSLSEND=4", prompt=">"),
            Recv(b"\r\n> "),
            Answer(b"Test data from SSL\x1a"),
            Recv(b"\r\nSEND OK\r\n"),
        ),
        events=(Prompt(text=">"), FinalResult(kind=ResultKind.VENDOR_OK, text="SEND OK")),
    ),
    Case(
        id="ec200-buffer-recv",
        source="quectel-ec200-ssl §3.3.3",
        dialect="quectel-ec200",
        steps=(
            Recv(b'\r\n+QSSLURC: "recv",4\r\n'),
            cmd("AT+QSSLRECV=4,1500"),
            Recv(b"\r\n+QSSLRECV: 18\r\nTest data from SSL\r\n\r\nOK\r\n"),
            cmd("AT+QSSLRECV=4,1500"),
            Recv(b"\r\n+QSSLRECV: 0\r\n\r\nOK\r\n"),
        ),
        events=(
            Urc(text='+QSSLURC: "recv",4'),
            info("+QSSLRECV: 18"),
            Payload(data=b"Test data from SSL", announced=18),
            OK,
            info("+QSSLRECV: 0"),
            Payload(data=b"", announced=0),
            OK,
        ),
    ),
    Case(
        id="ec200-direct-push",
        source="quectel-ec200-ssl §3.4.3, §2.3.1",
        dialect="quectel-ec200",
        steps=(Recv(b'\r\n+QSSLURC: "recv",4,17\r\nTest data\r\nfrom>\x1a\r\n'),),
        events=(Urc(text='+QSSLURC: "recv",4,17', payload=b"Test data\r\nfrom>\x1a"),),
    ),
    Case(
        id="ec200-direct-push-while-pending",
        source="quectel-ec200-ssl §2.3.1 (URC during a command)",
        dialect="quectel-ec200",
        steps=(cmd("AT+QSSLSTATE=4"), Recv(b'\r\n+QSSLURC: "recv",4,3\r\nabc\r\n\r\nOK\r\n')),
        events=(Urc(text='+QSSLURC: "recv",4,3', payload=b"abc"), OK),
    ),
    Case(
        id="ec200-transparent",
        source="quectel-ec200-ssl §3.5.1, §1.4",
        dialect="quectel-ec200",
        steps=(
            cmd('AT+QSSLOPEN=1,1,4,"220.180.239.212",8011,2'),
            Recv(b"\r\nCONNECT\r\n<Received data>"),
            Escape(),
            Recv(b"\r\nOK\r\n"),
            cmd("ATO"),
            Recv(b"\r\nCONNECT\r\n\r\nNO CARRIER\r\n"),
        ),
        events=(
            FinalResult(kind=ResultKind.CONNECT, text="CONNECT"),
            OnlineData(data=b"<Received data>"),
            OK,
            FinalResult(kind=ResultKind.CONNECT, text="CONNECT"),
            Urc(text="NO CARRIER"),
        ),
    ),
    Case(
        id="ec200-ato-no-connection",
        source="quectel-ec200-ssl §1.4 (ATO returns NO CARRIER)",
        dialect="quectel-ec200",
        steps=(cmd("ATO"), Recv(b"\r\nNO CARRIER\r\n")),
        events=(FinalResult(kind=ResultKind.NO_CARRIER, text="NO CARRIER"),),
    ),
    query(
        'AT+QSSLCFG="sslversion",1',
        '+QSSLCFG: "sslversion",1,1',
        dialect="quectel-ec200",
        source="quectel-ec200-ssl §2.2.1",
        id="ec200-qsslcfg-query",
    ),
    # -------------------------------------------------------------- fibocom-l610-ssl
    query(
        "at+gtsslmode?", "+GTSSLMODE: 1", dialect="fibocom", source="fibocom-l610-ssl §2 Example2", id="fib-lowercase"
    ),
    Case(
        id="fib-mipopen-urc",
        source="fibocom-l610-ssl §2 Example1",
        dialect="fibocom",
        steps=(cmd('at+mipopen=1,,"www.baidu.com",443,2'), Recv(b"\r\nOK\r\n\r\n+MIPOPEN: 1,1\r\n")),
        events=(OK, Urc(text="+MIPOPEN: 1,1")),
    ),
    Case(
        id="fib-mipopen-failure-no-colon",
        source="fibocom-l610-ssl §2 Example2 (+MIPOPEN 1.0)",
        dialect="fibocom",
        steps=(Recv(b"\r\n+MIPOPEN 1.0\r\n"), cmd("AT+GTSSLERR?"), Recv(resp("+GTSSLERR: -11"))),
        events=(Urc(text="+MIPOPEN 1.0"), info("+GTSSLERR: -11"), OK),
    ),
    query(
        "at+gtsslfile?",
        "+GTSSLFILE: CERTFILE,0",
        "+GTSSLFILE: KEYFILE,0",
        "+GTSSLFILE: TRUSTFILE,0",
        dialect="fibocom",
        source="fibocom-l610-ssl §2 Example2",
        id="fib-gtsslfile-read",
    ),
    Case(
        id="fib-gtsslfile-upload",
        source="fibocom-l610-ssl §1.1, §2 Example3",
        dialect="fibocom",
        steps=(
            cmd('AT+GTSSLFILE="TRUSTFILE",8', prompt=">"),
            Recv(b"\r\n> "),
            Answer(b"TUlJQg=="),
            Recv(b"\r\nOK\r\n"),
        ),
        events=(Prompt(text=">"), OK),
    ),
    Case(
        id="fib-mipcall-and-miprtcp",
        source="fibocom-l610-ssl §2 Example6, Example5",
        dialect="fibocom",
        steps=(
            cmd('AT+MIPCALL=1,"CMNET"'),
            Recv(b"\r\nOK\r\n\r\n+MIPCALL: 10.109.197.168\r\n"),
            Recv(b"\r\n+MIPRTCP: 1,28,2032312031353A35383A3531204D534B20323031350A576564204A61\r\n"),
            cmd("AT+MIPCLOSE=1"),
            Recv(b"\r\nOK\r\n\r\n+MIPCLOSE: 1,1\r\n"),
        ),
        events=(
            OK,
            Urc(text="+MIPCALL: 10.109.197.168"),
            Urc(text="+MIPRTCP: 1,28,2032312031353A35383A3531204D534B20323031350A576564204A61"),
            OK,
            Urc(text="+MIPCLOSE: 1,1"),
        ),
    ),
    query(
        "AT+GTSSLCIPHER?",
        "+GTSSLCIPHER: 1,2,3,4,5,6",
        dialect="fibocom",
        source="fibocom-l610-ssl §2 Example6",
        id="fib-gtsslcipher-read",
    ),
    Case(
        id="fib-unknown-urc",
        source="fibocom-l610-ssl §2 Example6 (+COPS is not an SSL URC)",
        dialect="fibocom",
        steps=(Recv(b"\r\n+COPS: 0\r\n"),),
        events=(Urc(text="+COPS: 0", known=False),),
    ),
    Case(
        id="fib-registration-urc",
        source="fibocom-l610-ssl §2 Example6; 3GPP TS 27.007 §7.2 (+CREG: <stat> is unsolicited after +CREG=1)",
        dialect="fibocom",
        steps=(Recv(b"\r\n+CREG: 1\r\n"),),
        events=(Urc(text="+CREG: 1", known=True),),
    ),
)

# A remote close racing a command: with echo on, the NO CARRIER before the command's echo is unsolicited
# (found over TCP: the farm's endpoint closed just as the suite sent AT#SSLH=1).
CASES = (
    *CASES,
    Case(
        id="telit-no-carrier-races-a-command",
        source="telit-ssl-ug §5.2 (remote close) with V.250 §6.2.4 (echo)",
        dialect="telit",
        steps=(
            cmd("AT"),
            Recv(b"AT\r\r\nOK\r\n"),
            cmd("AT#SSLH=1"),
            Recv(b"\r\nNO CARRIER\r\nAT#SSLH=1\r\r\nERROR\r\n"),
        ),
        events=(echo("AT"), OK, Urc(text="NO CARRIER"), echo("AT#SSLH=1"), ERROR),
    ),
    Case(
        id="telit-no-carrier-final-without-echo",
        source="V.250 §5.7.2 (echo off: NO CARRIER answers the command)",
        dialect="telit",
        steps=(cmd("ATE0"), Recv(b"ATE0\r\r\nOK\r\n"), cmd("ATO"), Recv(b"\r\nNO CARRIER\r\n")),
        events=(echo("ATE0"), OK, FinalResult(kind=ResultKind.NO_CARRIER, text="NO CARRIER")),
    ),
)
