"""On a real module the suite writes NVRAM only in the names --allow-nvm-writes gives, and uses RAM elsewhere
(quectel-gsm-ssl §2.2.7, §2.2.9: "NVRAM:CA0|CA1|CC0|CK0"); the +QSSLCFG settings it changes are read first and
set back (§2.2.1). Checked on the dialect's tables and the driver, no module needed."""

from __future__ import annotations

from typing import cast

import pytest

from conformance.quectel_gsm.driver import FILES, QuectelGsmDriver
from conformance.shared.driver import Storage
from harness.events import FinalResult, ResultKind
from harness.modem import Modem, Response
from harness.nvm import NvmGuard, NvmWriteRefused, parse_slots
from harness.profiles import Profile

pytestmark = [pytest.mark.spec("quectel-gsm-ssl", "2.2.7"), pytest.mark.spec("quectel-gsm-ssl", "2.2.9")]


def test_nvram_writes_and_deletes_need_their_name(profile: Profile) -> None:
    guard = NvmGuard(profile.dialect, parse_slots("CA0"))
    guard.check('AT+QSECWRITE="NVRAM:CA0",1614,100', "t")
    guard.check('AT+QSECDEL="NVRAM:CA0"', "t")
    for line in ('AT+QSECWRITE="NVRAM:CK0",1679,100', 'AT+QSECDEL="NVRAM:CC0"'):
        with pytest.raises(NvmWriteRefused, match="--allow-nvm-writes C"):
            guard.check(line, "t")
    # Control: RAM uploads and reads are never NVRAM writes.
    for line in ('AT+QSECWRITE="RAM:ca_cert.pem",1614,100', 'AT+QSECDEL="RAM:ca_cert.pem"', 'AT+QSECREAD="NVRAM:CA0"'):
        guard.check(line, "t")
    assert [w.slot for w in guard.writes] == ["CA0", "CA0"]


def test_the_driver_stores_in_ram(profile: Profile) -> None:
    driver = QuectelGsmDriver(cast(Modem, None), profile)
    assert driver.storage is Storage.RAM and all(name.startswith("RAM:") for name, _ in FILES.values())


def test_the_changed_settings_are_read_and_set_back(profile: Profile) -> None:
    answers = {
        'AT+QSSLCFG="seclevel",0': '+QSSLCFG: "seclevel",1',
        'AT+QSSLCFG="ignorertctime"': '+QSSLCFG: "ignorertctime",0',
    }

    def ask(line: str) -> Response:
        text = answers.get(line)
        final = FinalResult(kind=ResultKind.OK if text else ResultKind.ERROR, text="OK" if text else "ERROR")
        return Response(command=line, final=final, lines=(text,) if text else ())

    restorer = profile.dialect.restorer
    before = restorer.read(ask)
    answers['AT+QSSLCFG="seclevel",0'] = '+QSSLCFG: "seclevel",2'
    commands = [c for s in restorer.set_back(before, restorer.read(ask)) for c in s.commands]
    assert commands == ['AT+QSSLCFG="seclevel",0,1'], (
        f"quectel-gsm-ssl §2.2.1: seclevel of context 0 set back: {commands}"
    )
