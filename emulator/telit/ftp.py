"""The FTP client behind #FTPOPEN, #FTPGET, #FTPCLOSE (telit-ssl-ug §7, §7.1; D27).

Explicit FTPS (RFC 4217): the control connection starts in the clear, ``AUTH TLS`` turns it into
TLS (§4), then ``PBSZ 0`` and ``PROT P`` (§8, §9) protect the data connections, then the login
(RFC 959 §4.1.1). Each ``RETR`` opens a passive data connection (RFC 959 §4.1.2 ``PASV``) and a
new TLS session on it, with no reuse of the control session (telit-ssl-ug §7: "two TLS
sessions are performed within an FTP session"); as Python's ``ftplib`` does, the client sends
``RETR`` and waits for the 1xx reply before its handshake. A :class:`Download` then streams the
file to the DTE in online data state (CONNECT ... NO CARRIER).
"""

from __future__ import annotations

import re
import threading
from typing import Final

from emulator.core.instance import Instance, OnlineSink
from emulator.core.results import ResultCode
from emulator.net.stream import PlainStream, Stream, TlsStream
from emulator.tls.client import ClientConfig, TlsError, dial_tcp, secure

_READ: Final = 4096
_MAX_LINE: Final = 8192
_PASV: Final = re.compile(rb"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)")
_JOIN_TIMEOUT: Final = 2.0


class FtpError(Exception):
    """An FTP operation failed; ``tls`` when the cause was a TLS handshake, ``network`` when no
    connection could be made."""

    def __init__(self, message: str, *, tls: bool = False, network: bool = False) -> None:
        super().__init__(message)
        self.tls = tls
        self.network = network


class _Replies:
    """Reads FTP replies (RFC 959 §4.2: ``ddd text`` or ``ddd-`` ... ``ddd text``)."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self._buffer = bytearray()

    def line(self) -> str:
        while b"\n" not in self._buffer:
            chunk = self.stream.recv(_READ)
            if not chunk:
                raise FtpError("control connection closed")
            self._buffer += chunk
            if len(self._buffer) > _MAX_LINE:
                raise FtpError("reply line too long")
        line, _, rest = bytes(self._buffer).partition(b"\n")
        self._buffer[:] = rest
        return line.rstrip(b"\r").decode("latin-1")

    def reply(self) -> tuple[int, str]:
        first = self.line()
        if len(first) < 3 or not first[:3].isdigit():
            raise FtpError(f"bad reply {first!r}")
        code, text = int(first[:3]), first
        if first[3:4] == "-":
            while not (len(text) >= 4 and text[:3] == first[:3] and text[3] == " "):
                text = self.line()
        return code, text


class FtpSession:
    """An open control connection, logged in."""

    def __init__(self, host: str, control: Stream, replies: _Replies, *, timeout: float,
                 tls: ClientConfig | None, ignore_pasv_address: bool,
                 data_tls: ClientConfig | None = None) -> None:
        self.host = host
        self._control = control
        self._replies = replies
        self._timeout = timeout
        self._tls = tls
        #: The data connections' TLS (telit-ssl-ug §7: "The same certificates saved through #SSLSECDATA command
        #: are used for both TLS sessions"): the control connection's unless a defect says otherwise.
        self._data_tls = tls if data_tls is None else data_tls
        self._ignore_pasv_address = ignore_pasv_address
        self._lock = threading.Lock()

    @classmethod
    def open(cls, host: str, port: int, user: str, password: str, *, timeout: float,
             tls: ClientConfig | None, ignore_pasv_address: bool,
             data_tls: ClientConfig | None = None) -> FtpSession:
        """Connect, secure (``tls``), log in; :class:`FtpError` on any failure. ``data_tls``: the data
        connections' TLS when not the control connection's."""
        try:
            sock = dial_tcp(host, port, timeout=timeout)
        except TlsError as error:
            raise FtpError(str(error), network=True) from error
        stream: Stream = PlainStream(sock)
        replies = _Replies(stream)
        try:
            _expect(replies, 2)  # 220 greeting
            if tls is not None:
                _send(stream, "AUTH TLS")
                _expect(replies, 2)  # 234 (RFC 4217 §4)
                try:
                    stream = TlsStream(secure(sock, tls))
                except TlsError as error:
                    raise FtpError(str(error), tls=True) from error
                replies = _Replies(stream)
                _command(stream, replies, "PBSZ 0", 2)  # RFC 4217 §8
                _command(stream, replies, "PROT P", 2)  # RFC 4217 §9: private data channel
            code, _ = _command(stream, replies, f"USER {user}", 2, 3)
            if code == 331:
                _command(stream, replies, f"PASS {password}", 2)
            _command(stream, replies, "TYPE I", 2)  # the file's bytes as they are
        except (FtpError, TlsError, OSError) as error:
            stream.close()
            if isinstance(error, FtpError):
                raise
            raise FtpError(f"{type(error).__name__}: {error}") from error
        return cls(host, stream, replies, timeout=timeout, tls=tls,
                   ignore_pasv_address=ignore_pasv_address, data_tls=data_tls)

    def start_download(self, name: str) -> Stream:
        """``PASV``, connect, ``RETR``, 1xx, then the data connection's own TLS session."""
        with self._lock:
            try:
                _, text = _command(self._control, self._replies, "PASV", 2)
                match = _PASV.search(text.encode("latin-1"))
                if match is None:
                    raise FtpError(f"no address in {text!r}")
                numbers = [int(n) for n in match.groups()]
                address = ".".join(map(str, numbers[:4]))
                if self._ignore_pasv_address:  # #FTPCFG <IPPignoring> 1
                    address = self.host
                sock = dial_tcp(address, numbers[4] * 256 + numbers[5], timeout=self._timeout)
                _send(self._control, f"RETR {name}")
                try:
                    _expect(self._replies, 1)  # 150 / 125
                except FtpError:
                    sock.close()
                    raise
                if self._data_tls is None:
                    return PlainStream(sock)
                try:
                    return TlsStream(secure(sock, self._data_tls))
                except TlsError as error:
                    raise FtpError(str(error), tls=True) from error
            except (TlsError, OSError) as error:
                raise FtpError(f"{type(error).__name__}: {error}") from error

    def end_download(self) -> bool:
        """Read the transfer's final reply (226, or 4xx/5xx after an abort)."""
        with self._lock:
            try:
                code, _ = self._replies.reply()
            except (FtpError, TlsError, OSError):
                return False
            return 200 <= code < 300

    def quit(self) -> None:
        """``QUIT`` (RFC 959 §4.1.1), then close; failures are ignored: the session ends anyway."""
        with self._lock:
            try:
                _command(self._control, self._replies, "QUIT", 2)
            except (FtpError, TlsError, OSError):
                pass
            self._control.close()

    def drop(self) -> None:
        """Power off: close without a word."""
        self._control.close()


def _send(stream: Stream, line: str) -> None:
    stream.send(line.encode("latin-1") + b"\r\n")


def _expect(replies: _Replies, *classes: int) -> tuple[int, str]:
    code, text = replies.reply()
    if code // 100 not in classes:
        raise FtpError(f"unexpected reply {text!r}")
    return code, text


def _command(stream: Stream, replies: _Replies, line: str, *classes: int) -> tuple[int, str]:
    _send(stream, line)
    return _expect(replies, *classes)


class Download(OnlineSink):
    """The file of an #FTPGET, streamed raw to the DTE in online data state, then NO CARRIER.

    Bytes typed by the DTE meanwhile are ignored; ``+++`` abandons the transfer (OK).
    """

    def __init__(self, session: FtpSession, data: Stream, port: Instance, *, drop_last: bool = False) -> None:
        self._session = session
        self._data = data
        self._port = port
        self._drop_last = drop_last  # a defect switch: the file's last byte is never passed on
        self._abandoned = threading.Event()
        self._thread = threading.Thread(target=self._pump, name="emulator-ftp-data", daemon=True)

    def entered(self) -> None:
        """CONNECT is written: start pumping."""
        self._thread.start()

    def receive(self, data: bytes) -> None:
        """The DTE has nothing to send during a download."""

    def escaped(self) -> None:
        """``+++``: stop the transfer."""
        self._abandoned.set()
        self._data.close()

    def cancel(self) -> None:
        """Power off."""
        self._abandoned.set()
        self._data.close()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(_JOIN_TIMEOUT)

    def _pump(self) -> None:
        held = b""
        try:
            while not self._abandoned.is_set():
                chunk = self._data.recv(_READ)
                if not chunk:
                    break
                if self._drop_last:
                    chunk, held = (held + chunk)[:-1], chunk[-1:]
                if chunk:
                    self._port.send_online(self, chunk)
        except (TlsError, OSError):
            pass
        finally:
            self._data.close()
            self._session.end_download()
            # D27: the file, then NO CARRIER, back to command mode.
            self._port.leave_online(self, ResultCode.NO_CARRIER)
