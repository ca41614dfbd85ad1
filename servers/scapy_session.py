"""Application data over a session the scapy backend handshook (RFC 5246 §6.2): records in, records out.

Reads take one record at a time from the handshake's :class:`~servers.scapy_tls.RecordReader` (a record cut by a
timeout stays for the next read); a close_notify is answered with one (RFC 5246 §7.2.1) and ends the reads; a
fatal alert, a record that fails its MAC or anything but application data (a renegotiation) ends the session.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from .endpoint import PeerAborted
from .recorder import Alert, Draft
from .scapy_tls import TLS, RecordReader, TLSAlert, TLSApplicationData

__all__ = ["ScapySession"]

# RFC 5246 §7.2 alert descriptions.
_CLOSE_NOTIFY = 0
_UNEXPECTED_MESSAGE = 10
_BAD_RECORD_MAC = 20


class ScapySession:
    """Application data over the handshaken session (RFC 5246 §6.2): records in, records out."""

    def __init__(self, sock: socket.socket, reader: RecordReader, s: Any, draft: Draft, version: int) -> None:
        self._sock = sock
        self._reader = reader
        self._s = s
        self._draft = draft
        self._version = version
        self._buf = b""
        self._closed = False
        self._eof = False

    def recv(self, size: int) -> bytes:
        while not self._buf and not self._eof:
            try:
                raw = self._reader.read(None)
            except EOFError as exc:
                raise PeerAborted(str(exc)) from exc
            except ValueError as exc:
                raise PeerAborted(f"not TLS: {exc}") from exc
            except ConnectionError as exc:
                raise PeerAborted(f"{type(exc).__name__}: {exc}") from exc
            if raw is None:
                raise PeerAborted("EOF without close_notify")
            try:
                record = TLS(raw, tls_session=self._s, strict_integrity=True)
            except Exception as exc:  # scapy's HMACError / AEADTagError / CipherError
                self._send_alert(2, _BAD_RECORD_MAC)
                raise PeerAborted(f"record did not decrypt or verify: {type(exc).__name__}") from exc
            for msg in record.msg:
                if isinstance(msg, TLSApplicationData):
                    self._buf += bytes(msg.data)
                elif isinstance(msg, TLSAlert):
                    alert = Alert(level=int(msg.level), description=int(msg.descr))
                    self._draft.alerts_received.append(alert)
                    if alert.description == _CLOSE_NOTIFY:
                        self._eof = True
                        self.close()  # RFC 5246 §7.2.1: answer close_notify with close_notify
                        break
                    if alert.level == 2:
                        raise PeerAborted(f"client sent fatal alert {alert.description}")
                else:
                    # A renegotiation or anything else after the handshake: not served (no_renegotiation would be
                    # a warning the client may ignore; ending it is plainer).
                    self._send_alert(2, _UNEXPECTED_MESSAGE)
                    raise PeerAborted(f"unexpected {type(msg).__name__} after the handshake")
        data, self._buf = self._buf[:size], self._buf[size:]
        return data

    def sendall(self, data: bytes) -> None:
        try:
            for i in range(0, len(data), 2**14):
                chunk = data[i : i + 2**14]
                self._sock.sendall(
                    TLS(version=self._version, msg=[TLSApplicationData(data=chunk)], tls_session=self._s).raw_stateful()
                )
        except ConnectionError as exc:
            raise PeerAborted(f"send failed: {exc}") from exc

    def settimeout(self, seconds: float | None) -> None:
        self._sock.settimeout(seconds)

    def _send_alert(self, level: int, description: int) -> bool:
        try:
            self._sock.sendall(
                TLS(
                    version=self._version, msg=[TLSAlert(level=level, descr=description)], tls_session=self._s
                ).raw_stateful()
            )
        except OSError:
            return False
        self._draft.alerts_sent.append(Alert(level=level, description=description))
        return True

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        previous = self._sock.gettimeout()
        self._sock.settimeout(1.0)  # never blocks long: a close_notify is one small record
        if self._send_alert(1, _CLOSE_NOTIFY):
            # the half-close delivers the alert before the listener's close; a peer already gone fails it too
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_WR)
        self._sock.settimeout(previous)
