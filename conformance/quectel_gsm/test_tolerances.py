"""What real Quectel modules do that the document does not show, each tolerated as errata QGS-20 decides: the
module's bytes fed to the engine with this profile's dialect, whole and one byte at a time (no module needed)."""

from __future__ import annotations

from typing import cast

import pytest

from conformance.quectel_common.steps import answer, events
from conformance.quectel_gsm.common import checksum_value, open_result
from harness.events import Echo, FinalResult, Payload, ResultKind
from harness.modem import Modem, Response
from harness.profiles import Profile

pytestmark = [pytest.mark.spec("quectel-gsm-ssl", "2.2.2"), pytest.mark.erratum("QGS-20")]


@pytest.mark.parametrize("chunk", [1, 1000], ids=["byte-by-byte", "whole"])
def test_open_result_before_or_after_ok(profile: Profile, chunk: int) -> None:
    line = 'AT+QSSLOPEN=1,0,"host",443,0'
    before = events(profile, line, f"{line}\r\r\n+QSSLOPEN: 1,0\r\n\r\nOK\r\n".encode(), chunk)
    lines, _, final = answer(before)
    assert final == "OK" and lines == ["+QSSLOPEN: 1,0"], f"the result URC before OK is part of the answer: {before}"
    r = Response(command=line, final=FinalResult(kind=ResultKind.OK, text="OK"), lines=tuple(lines))
    assert open_result(cast(Modem, None), r, 1, 0.1) == 0, "the driver takes the result from the answer"
    after = events(profile, line, f"{line}\r\r\nOK\r\n".encode(), chunk)
    assert answer(after)[:2] == ([], []), f"control: after OK the URC is not part of the answer: {after}"


@pytest.mark.parametrize("chunk", [1, 1000], ids=["byte-by-byte", "whole"])
def test_urc_inside_another_answer_and_blank_lines(profile: Profile, chunk: int) -> None:
    line = 'AT+QSECREAD="RAM:ca_cert.pem"'
    got = events(
        profile, line, f'{line}\r\r\r\n\r\n+QSSLURC: "recv",0,1\r\n+QSECREAD: 1,83A7\r\n\r\n\r\nOK\r\n'.encode(), chunk
    )
    assert any(isinstance(e, Echo) for e in got), f"an echo ending in CR CR LF is still the echo: {got}"
    lines, urcs, final = answer(got)
    assert lines == ["+QSECREAD: 1,83A7"] and urcs == ['+QSSLURC: "recv",0,1'] and final == "OK", got


@pytest.mark.parametrize("chunk", [1, 7, 1000], ids=["byte-by-byte", "odd-reads", "whole"])
def test_payload_split_across_reads(profile: Profile, chunk: int) -> None:
    line = "AT+QSSLRECV=0,1,1500"
    got = events(
        profile, line, f"{line}\r\r\n+QSSLRECV: 10.0.0.1:443,TCP,7\r\n12\r\n4\n7\r\n\r\nOK\r\n".encode(), chunk
    )
    assert [e.data for e in got if isinstance(e, Payload)] == [b"12\r\n4\n7"], f"7 bytes by count, CR LF in them: {got}"


def test_checksums_of_any_width_and_case(profile: Profile) -> None:
    assert checksum_value("83a7") == checksum_value("83A7") == checksum_value("000083a7") == 0x83A7
    with pytest.raises(AssertionError):  # control: not hex
        checksum_value("83g7")
