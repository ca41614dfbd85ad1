"""+QSSLCFG: the fourteen settings of SSL contexts 0-5 (quectel-ec200-ssl §2.2.1, §3.2).

- ``AT+QSSLCFG=?``: one line per keyword, as §2.2.1 prints them (the document's ``AT+QSSLCF=?``
  is a misprint: that command does not exist, vectors errata).
- ``AT+QSSLCFG="<keyword>",<SSL_ctxID>[,<value>]``: without the value the query
  ``+QSSLCFG: "<keyword>",<SSL_ctxID>,<value>``, with it the setting. Keywords: "sslversion" 0-4,
  "ciphersuite" (a Table 3 code or 0XFFFF, written ``0X0035`` as §3.2 does, quoted or not, any
  case), "cacert", "cacertex", "clientcert", "clientkey" (quoted paths, checked when a
  connection uses them; ``""`` clears), "secllevel" 0-2 (the document's spelling; "seclevel" of
  the issue and the older note is taken too and answered under the keyword the host used),
  "ignorelocaltime" 0/1, "negotiatetime" 10-300, "sni" 0/1, "closetimemode" 0/1,
  "ignoremulticertchainverify" 0/1, "ignoreinvalidcertsign" 0/1, "session_cache" 0/1.
- ``AT+QSSLCFG="cacertex"``: the CA path of every context, one line each (§2.2.1).

Anything else (a typo in a keyword, a value out of range, a missing or extra parameter) is ERROR
and +QIGETERROR 552. Nothing is saved: a power cycle restores the defaults (``state``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from emulator.core.params import Arg, Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.ec200.errors import bad, ssl_command
from emulator.quectel.ec200.state import ALL_SUITES, QContext, SslContext

NAME: Final = "+QSSLCFG"
CTX_IDS: Final = Choice.span(0, 5)
#: Table 3, in the document's order.
TABLE3: Final = (
    0x0035, 0x002F, 0x0005, 0x0004, 0x000A, 0x003D, 0xC002, 0xC003, 0xC004, 0xC005, 0xC007,
    0xC008, 0xC009, 0xC00A, 0xC011, 0xC012, 0xC013, 0xC014, 0xC00C, 0xC00D, 0xC00E, 0xC00F,
    0xC023, 0xC024, 0xC025, 0xC026, 0xC027, 0xC028, 0xC029, 0xC02A, 0xC02F, 0xC030)
_CODE = re.compile(r"0X([0-9A-F]{4})")
FLAGS: Final = Choice.of(0, 1)


@dataclass(frozen=True)
class Keyword:
    """One keyword: the context attribute it sets and what it takes (``None``: a path)."""

    attribute: str
    choice: Choice | None = None
    hex_suite: bool = False
    placeholder: str = ""


KEYWORDS: Final[dict[str, Keyword]] = {
    "sslversion": Keyword("version", Choice.span(0, 4)),
    "ciphersuite": Keyword("suite", hex_suite=True),
    "cacert": Keyword("cacert", placeholder="<cacertpath>"),
    "cacertex": Keyword("cacertex", placeholder="<cacertpath>"),
    "clientcert": Keyword("clientcert", placeholder="<client_cert_path>"),
    "clientkey": Keyword("clientkey", placeholder="<client_key_path>"),
    "secllevel": Keyword("seclevel", Choice.span(0, 2)),
    "ignorelocaltime": Keyword("ignorelocaltime", FLAGS),
    "negotiatetime": Keyword("negotiatetime", Choice.span(10, 300)),
    "sni": Keyword("sni", FLAGS),
    "closetimemode": Keyword("closetimemode", FLAGS),
    "ignoremulticertchainverify": Keyword("ignoremulticertchainverify", FLAGS),
    "ignoreinvalidcertsign": Keyword("ignoreinvalidcertsign", FLAGS),
    "session_cache": Keyword("session_cache", FLAGS),
}
#: Other spellings taken for a keyword (vectors errata: "seclevel" in the issue and older notes).
ALIASES: Final = {"seclevel": "secllevel"}


def format_suite(code: int) -> str:
    """``0X0035`` as §3.2 writes it; ``0XFFFF`` for all."""
    return f"0X{code:04X}"


def _suite(arg: Arg | None) -> int:
    match = None if arg is None else _CODE.fullmatch(arg.text.upper())
    if match is None:
        raise bad("a cipher suite is 0X followed by four hex digits")
    code = int(match.group(1), 16)
    if code not in TABLE3 and code != ALL_SUITES:
        raise bad(f"0X{code:04X} is not in Table 3")
    return code


def _value(keyword: Keyword, context: SslContext) -> str:
    value = getattr(context, keyword.attribute)
    if keyword.hex_suite:
        return format_suite(value)
    if keyword.choice is None:
        return f'"{value}"'
    return str(value)


def _put(keyword: Keyword, context: SslContext, arg: Arg | None) -> None:
    if arg is None:
        raise bad("the value is missing")
    if keyword.hex_suite:
        value: int | str = _suite(arg)
    elif keyword.choice is None:
        if not arg.quoted:
            raise bad("a path is a quoted string")
        value = arg.text
    else:
        number = parse_int(arg)
        if number is None or number not in keyword.choice:
            raise bad(f"not in {keyword.choice}")
        value = number
    setattr(context, keyword.attribute, value)


def _ctx_id(arg: Arg | None) -> int:
    value = None if arg is None else parse_int(arg)
    if value is None or value not in CTX_IDS:
        raise bad(f"<SSL_ctxID> is not in {CTX_IDS}")
    return value


def _line(spelt: str, index: int, keyword: Keyword, context: SslContext) -> str:
    return f'{NAME}: "{spelt}",{index},{_value(keyword, context)}'


def test(ctx: QContext, args: Args) -> Response:
    """Every keyword with its ranges, as §2.2.1 prints them."""
    lines = []
    for spelt, keyword in KEYWORDS.items():
        if keyword.hex_suite:
            values = "(" + ",".join(format_suite(c) for c in (*TABLE3, ALL_SUITES)) + ")"
        elif keyword.choice is None:
            values = keyword.placeholder
        else:
            values = str(keyword.choice)
        lines.append(f'{NAME}: "{spelt}",{CTX_IDS},{values}')
    return info(*lines)


def set_(ctx: QContext, args: Args) -> Response:
    """Query or set one keyword of one context; "cacertex" alone lists every context."""
    if not args or args[0] is None or not args[0].quoted:
        raise bad("the first parameter is a quoted keyword")
    spelt = args[0].text.lower()
    keyword = KEYWORDS.get(ALIASES.get(spelt, spelt))
    if keyword is None:
        raise bad(f"unknown keyword {spelt!r}")
    contexts = ctx.state.contexts
    if len(args) == 1:
        if spelt != "cacertex":
            raise bad("<SSL_ctxID> missing")
        return info(*(_line(spelt, n, keyword, c) for n, c in sorted(contexts.items())))
    index = _ctx_id(args[1])
    if len(args) == 2:  # "If the optional parameter is omitted, query"
        return info(_line(spelt, index, keyword, contexts[index]))
    if len(args) != 3:
        raise bad("one value expected")
    _put(keyword, contexts[index], args[2])
    return OK


SPEC = CommandSpec(name=NAME, set=ssl_command(set_), test=ssl_command(test))
