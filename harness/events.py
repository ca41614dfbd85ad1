"""Events the AT engine yields: frozen, keyword-only dataclasses that validate when built.

Every byte the engine is fed ends up in exactly one event (or is line-ending / prompt padding), so a
test can always say what it received. Modelled on h11's ``_events.py``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ResultKind(enum.Enum):
    """What kind of final result code ended a response (V.250 §5.7.2 and the vendors' finals)."""

    OK = "ok"
    ERROR = "error"  # plain ERROR (V.250 result code 4)
    CME_ERROR = "cme-error"  # +CME ERROR: <n> or +CME ERROR: <text> (3GPP TS 27.007 §9.2)
    CMS_ERROR = "cms-error"
    CONNECT = "connect"  # enters online data state (V.250 §5.7.2)
    NO_CARRIER = "no-carrier"
    VENDOR_OK = "vendor-ok"  # SEND OK, CLOSE OK, 1, CLOSE OK, DEACT OK (quectel-gsm-ssl §2.2.3, §2.2.4)
    VENDOR_ERROR = "vendor-error"  # SEND FAIL (quectel-gsm-ssl §2.2.4, quectel-ec200-ssl §2.2.3)
    LINE = "line"  # the dialect ends this command's response on its single line (AT+QILOCIP, quectel-gsm-ssl §3.1)

    @property
    def is_error(self) -> bool:
        """True for every kind that reports failure."""
        return self in (ResultKind.ERROR, ResultKind.CME_ERROR, ResultKind.CMS_ERROR, ResultKind.VENDOR_ERROR)


class _Sentinel:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


#: Returned by :meth:`harness.engine.Engine.next_event` when it needs more bytes.
NEED_DATA = _Sentinel("NEED_DATA")


@dataclass(frozen=True, kw_only=True)
class Echo:
    """The target echoed what we sent (ATE1, V.250 §6.2.4), byte for byte."""

    data: bytes

    def __post_init__(self) -> None:
        if not self.data:
            raise ValueError("an Echo carries at least one byte")


@dataclass(frozen=True, kw_only=True)
class InformationLine:
    """One line of information text of the pending command's response (V.250 §5.7.1)."""

    text: str


@dataclass(frozen=True, kw_only=True)
class FinalResult:
    """The result code that ends a response. ``code``/``message`` are set for +CME/+CMS ERROR."""

    kind: ResultKind
    text: str
    code: int | None = None
    message: str | None = None

    def __post_init__(self) -> None:
        if self.kind in (ResultKind.CME_ERROR, ResultKind.CMS_ERROR):
            # 27.007 §9.2: +CME ERROR carries either a number (CMEE=1) or a text (CMEE=2), never neither.
            if (self.code is None) == (self.message is None):
                raise ValueError(f"{self.kind.value} needs exactly one of code and message: {self.text!r}")
        elif self.code is not None or self.message is not None:
            raise ValueError(f"only +CME/+CMS ERROR carry a code or message, not {self.kind.value}")

    @property
    def is_error(self) -> bool:
        """True when this result reports failure."""
        return self.kind.is_error

    @property
    def is_ok(self) -> bool:
        """True for OK and the vendors' success finals."""
        return self.kind in (ResultKind.OK, ResultKind.VENDOR_OK)


@dataclass(frozen=True, kw_only=True)
class Urc:
    """An unsolicited result code. ``payload`` holds the raw bytes a length-prefixed URC carried
    (``<header>,<n>,<data>`` on one line, or ``<header>,<n>`` CR LF ``<data>``: the dialect tables' payload
    rules); ``known`` says whether the dialect's URC table names it."""

    text: str
    payload: bytes | None = None
    known: bool = True


@dataclass(frozen=True, kw_only=True)
class Prompt:
    """The target waits for input data: ``>`` or ``> `` (send and upload commands) or ``CONNECT``
    (+QSECWRITE, quectel-gsm-ssl §2.2.7)."""

    text: str

    def __post_init__(self) -> None:
        if self.text not in (">", "CONNECT"):
            raise ValueError(f"unknown prompt {self.text!r}")


@dataclass(frozen=True, kw_only=True)
class Payload:
    """Exactly the N raw bytes announced by the information line just before it
    (a read command's ``<prefix>: <n>`` line); may hold CR, LF, ``>`` or 0x1A."""

    data: bytes = field(repr=False)
    announced: int

    def __post_init__(self) -> None:
        if len(self.data) != self.announced:
            raise ValueError(f"payload of {len(self.data)} bytes but {self.announced} announced")


@dataclass(frozen=True, kw_only=True)
class OnlineData:
    """Bytes received in online data state, after CONNECT and before the escape or NO CARRIER."""

    data: bytes = field(repr=False)


Event = Echo | InformationLine | FinalResult | Urc | Prompt | Payload | OnlineData
