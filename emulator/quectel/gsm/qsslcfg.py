"""+QSSLCFG: SSL contexts 0-5 and the module-wide SSL settings (quectel-gsm-ssl §2.2.1).

- ``AT+QSSLCFG=?``: ``+QSSLCFG: "type",(0-5),"value"`` as printed.
- ``AT+QSSLCFG="ctxindex",<ctxindex>``: ``+QSSLCFG: <ctxindex>,<sslversion>,<seclevel>,
  <ciphersuite>,<cacert>,<clientcertname>,<clientkeyname>``.
- Per context, ``AT+QSSLCFG="<keyword>",<ctxindex>[,<value>]`` for "sslversion" (0-4),
  "ciphersuite" (Table 2 codes or 0XFFFF), "seclevel" (0-2), "cacert", "clientcert",
  "clientkey" (``RAM:<name>`` / ``NVRAM:CA0|CA1``, ``NVRAM:CC0``, ``NVRAM:CK0``); without the
  value, the query ``+QSSLCFG: "<keyword>",<value>``.
- Module-wide, ``AT+QSSLCFG="<keyword>"[,<value>]`` for "ignorertctime" (0, 1), "https" (0, 1),
  "httpsctxi" (0-5, -1 until set), "smtpstyle" (0-2), "smtpsctxi" (0-5, -1 until set).

Anything else (a typo in a keyword, a value out of range, a missing or extra parameter) is
ERROR, as §2.2.1 answers ("Otherwise response ERROR").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, NoReturn

from emulator.core.errors import PlainError
from emulator.core.params import Arg, Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.gsm.secfiles import (
    CA_NAMES,
    CLIENT_CERT_NAMES,
    CLIENT_KEY_NAMES,
    BadFile,
    parse_name,
)
from emulator.quectel.gsm.state import ALL_SUITES, QContext, QuectelGsmState, SslContext

NAME: Final = "+QSSLCFG"
CTX_INDEXES: Final = Choice.span(0, 5)
VERSIONS: Final = Choice.span(0, 4)
SECLEVELS: Final = Choice.span(0, 2)
FLAGS: Final = Choice.of(0, 1)
SMTP_STYLES: Final = Choice.span(0, 2)
#: Table 2, in the order of §2.2.1's <ciphersuite> list.
TABLE2: Final = (0x0035, 0x002F, 0x0005, 0x0004, 0x000A, 0x003D)
_CODE = re.compile(r"0X([0-9A-F]{4})")


def _bad(reason: str) -> PlainError:
    return PlainError(reason)


def _int(arg: Arg | None, choice: Choice) -> int:
    value = None if arg is None else parse_int(arg)
    if value is None or value not in choice:
        raise _bad(f"not one of {choice}")
    return value


def format_suites(suites: tuple[int, ...]) -> str:
    """The <ciphersuite> value as the set form takes it: ``"0XFFFF"``, ``"0X0035","0X002F"``."""
    return ",".join(f'"0X{code:04X}"' for code in suites)


def _suites(args: Args) -> tuple[int, ...]:
    codes: list[int] = []
    for arg in args:
        match = None if arg is None else _CODE.fullmatch(arg.text.upper())
        if match is None:
            raise _bad("a cipher suite is 0X followed by four hex digits")
        code = int(match.group(1), 16)
        if code not in TABLE2 and code != ALL_SUITES:
            raise _bad(f"0X{code:04X} is not in Table 2")
        codes.append(code)
    if ALL_SUITES in codes and len(codes) > 1:
        raise _bad("0XFFFF stands alone")
    if len(set(codes)) != len(codes):
        raise _bad("a suite is listed twice")
    return tuple(codes)


def _name(arg: Arg | None, allowed: frozenset[str]) -> str:
    if arg is None or not arg.quoted:
        raise _bad("a file name is a quoted string")
    if not arg.text:
        return ""  # clears the setting (not said by the document: emulator/README.md)
    try:
        return str(parse_name(arg.text, allowed))
    except BadFile as error:
        raise _bad(str(error)) from None


def context_line(index: int, ctx: SslContext) -> str:
    """The "ctxindex" answer for context ``index``."""
    return (f"{NAME}: {index},{ctx.version},{ctx.seclevel},{format_suites(ctx.suites)},"
            f'"{ctx.cacert}","{ctx.clientcert}","{ctx.clientkey}"')


# Per-context keywords: (query text of the value, setter from the value arguments).
_Getter = Callable[[SslContext], str]
_Setter = Callable[[SslContext, Args], None]


def _set_version(c: SslContext, a: Args) -> None:
    c.version = _int(a[0], VERSIONS) if len(a) == 1 else _fail()


def _set_seclevel(c: SslContext, a: Args) -> None:
    c.seclevel = _int(a[0], SECLEVELS) if len(a) == 1 else _fail()


def _set_suites(c: SslContext, a: Args) -> None:
    c.suites = _suites(a)


def _set_cacert(c: SslContext, a: Args) -> None:
    c.cacert = _name(a[0], CA_NAMES) if len(a) == 1 else _fail()


def _set_clientcert(c: SslContext, a: Args) -> None:
    c.clientcert = _name(a[0], CLIENT_CERT_NAMES) if len(a) == 1 else _fail()


def _set_clientkey(c: SslContext, a: Args) -> None:
    c.clientkey = _name(a[0], CLIENT_KEY_NAMES) if len(a) == 1 else _fail()


def _fail() -> NoReturn:
    raise _bad("one value expected")


PER_CONTEXT: Final[dict[str, tuple[_Getter, _Setter]]] = {
    "sslversion": (lambda c: str(c.version), _set_version),
    "ciphersuite": (lambda c: format_suites(c.suites), _set_suites),
    "seclevel": (lambda c: str(c.seclevel), _set_seclevel),
    "cacert": (lambda c: f'"{c.cacert}"', _set_cacert),
    "clientcert": (lambda c: f'"{c.clientcert}"', _set_clientcert),
    "clientkey": (lambda c: f'"{c.clientkey}"', _set_clientkey),
}

#: Module-wide keywords: the state attribute and the accepted values.
MODULE_WIDE: Final[dict[str, tuple[str, Choice]]] = {
    "ignorertctime": ("ignorertctime", FLAGS),
    "https": ("https", FLAGS),
    "httpsctxi": ("httpsctxi", CTX_INDEXES),
    "smtpstyle": ("smtpstyle", SMTP_STYLES),
    "smtpsctxi": ("smtpsctxi", CTX_INDEXES),
}


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLCFG: "type",(0-5),"value"`` (§2.2.1, printed as the document prints it)."""
    return info(f'{NAME}: "type",{CTX_INDEXES},"value"')


def set_(ctx: QContext, args: Args) -> Response:
    """Set or query one keyword, or read a whole context ("ctxindex")."""
    if not args or args[0] is None or not args[0].quoted:
        raise _bad("the first parameter is a quoted keyword")
    keyword = args[0].text.lower()
    state = ctx.state
    if keyword == "ctxindex":
        if len(args) != 2:
            raise _bad('"ctxindex",<ctxindex>')
        index = _int(args[1], CTX_INDEXES)
        return info(context_line(index, state.contexts[index]))
    if keyword in PER_CONTEXT:
        if len(args) < 2:
            raise _bad("<ctxindex> missing")
        index = _int(args[1], CTX_INDEXES)
        get, put = PER_CONTEXT[keyword]
        context = state.contexts[index]
        if len(args) == 2:  # "If the third parameter is omitted, query"
            return info(f'{NAME}: "{keyword}",{get(context)}')
        put(context, args[2:])
        return OK
    if keyword in MODULE_WIDE:
        return _module_wide(state, keyword, args)
    raise _bad(f"unknown keyword {keyword!r}")


def _module_wide(state: QuectelGsmState, keyword: str, args: Args) -> Response:
    attribute, choice = MODULE_WIDE[keyword]
    if len(args) == 1:  # "If the second parameter is omitted, query"
        # The document prints the "smtpsctxi" answer as "smtpctxi": the emulator answers with
        # the keyword the host used (emulator/README.md).
        return info(f'{NAME}: "{keyword}",{getattr(state, attribute)}')
    if len(args) != 2:
        raise _bad("one value expected")
    setattr(state, attribute, _int(args[1], choice))
    return OK


SPEC = CommandSpec(name=NAME, set=set_, test=test)
