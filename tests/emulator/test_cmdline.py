"""V.250 §5.3/§5.4 command-line splitting."""

from __future__ import annotations

import pytest

from emulator.core.cmdline import (
    BasicCommand,
    ExtendedCommand,
    Form,
    ParsedItem,
    SParameter,
    SyntaxFault,
    parse_command_line,
)
from emulator.core.params import Arg


def ext(name: str, form: Form, *args: Arg | None) -> ExtendedCommand:
    return ExtendedCommand(name=name, form=form, args=tuple(args))


@pytest.mark.parametrize(("body", "expected"), [
    ("", []),
    ("E0V1", [BasicCommand(name="E", number=0), BasicCommand(name="V", number=1)]),
    ("e0 v1", [BasicCommand(name="E", number=0), BasicCommand(name="V", number=1)]),
    ("I", [BasicCommand(name="I")]),
    ("&F", [BasicCommand(name="&F")]),
    ("S3?", [SParameter(register=3, query=True)]),
    ("S4=10", [SParameter(register=4, query=False, value=10)]),
    ("+CGMM", [ext("+CGMM", Form.EXEC)]),
    ("+cmee?", [ext("+CMEE", Form.READ)]),
    ("+CMEE=?", [ext("+CMEE", Form.TEST)]),
    ("#SSLEN=1,1", [ext("#SSLEN", Form.SET, Arg(text="1"), Arg(text="1"))]),
    ("#SGACT=1 , 1", [ext("#SGACT", Form.SET, Arg(text="1"), Arg(text="1"))]),
    ("+CMEE=", [ext("+CMEE", Form.SET)]),
    ("#X=,1,", [ext("#X", Form.SET, None, Arg(text="1"), None)]),
    ('+CGDCONT=1,"IP","My Apn;x"',
     [ext("+CGDCONT", Form.SET, Arg(text="1"), Arg(text="IP", quoted=True),
          Arg(text="My Apn;x", quoted=True))]),
    ("E0+CMEE=2;#SSLEN?", [BasicCommand(name="E", number=0),
                           ext("+CMEE", Form.SET, Arg(text="2")), ext("#SSLEN", Form.READ)]),
    ("+CGMI;+CGMM;", [ext("+CGMI", Form.EXEC), ext("+CGMM", Form.EXEC)]),
])
def test_parses(body: str, expected: list[ParsedItem]) -> None:
    assert parse_command_line(body) == expected


@pytest.mark.parametrize("body", [
    "+", "#", "&", "&1", "S", "S3", "S3X", "+CGMI+CGMM", "+CMEE?X", "+CMEE=?1",
    '+CGDCONT=1,"IP', '+X="a"b', '+X=a"b"', "E" + "9" * 20, "+X", "!", "E0\x80",
])
def test_malformed_lines_end_with_a_fault(body: str) -> None:
    items = parse_command_line(body)
    if body == "+X":  # a well-formed exec command of an unknown name: the executor rejects it
        assert items == [ext("+X", Form.EXEC)]
        return
    assert items and isinstance(items[-1], SyntaxFault)


def test_commands_before_a_fault_are_kept() -> None:
    items = parse_command_line("E0;+CMEE=1;!")
    assert items[:2] == [BasicCommand(name="E", number=0), ext("+CMEE", Form.SET, Arg(text="1"))]
    assert isinstance(items[2], SyntaxFault)
