"""On a real module the suite writes the file store only in the names --allow-nvm-writes gives (errata QEC-08:
+QFUPL and +QFDEL on "UFS:" files, flash), and the +QSSLCFG settings it changes are read first and set back
(quectel-ec200-ssl §2.2.1: "The configurations will not be saved", so a restore lasts until power-off).
Checked on the dialect's tables and the driver, no module needed."""

from __future__ import annotations

from typing import cast

import pytest

from conformance.quectel_ec200.driver import FILES, QuectelEc200Driver
from conformance.shared.driver import Storage
from harness.events import FinalResult, ResultKind
from harness.modem import Modem, Response
from harness.nvm import NvmGuard, NvmWriteRefused, parse_slots
from harness.profiles import Profile

pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "4"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.1"),
    pytest.mark.erratum("QEC-08"),
]


def test_file_writes_and_deletes_need_their_name(profile: Profile) -> None:
    guard = NvmGuard(profile.dialect, parse_slots("CA0"))
    guard.check('AT+QFUPL="UFS:CA0.pem",1614', "t")
    guard.check('AT+QFDEL="UFS:CA0.pem"', "t")
    refused = ('AT+QFUPL="UFS:CK0.pem",1679', 'AT+QFDEL="UFS:CC0.pem"', 'AT+QFUPL="UFS:cacert.pem",1614',
               'AT+QFUPL="CK0.pem",1679', 'AT+QFDEL="*"')  # fmt: skip
    for line in refused:
        with pytest.raises(NvmWriteRefused, match="--allow-nvm-writes"):
            guard.check(line, "t")
    # Control: naming a file in a context, and reading, are not writes.
    for line in ('AT+QSSLCFG="cacert",1,"UFS:CA0.pem"', 'AT+QSSLCFG="cacert",1'):
        guard.check(line, "t")
    assert [w.slot for w in guard.writes] == ["CA0", "CA0"]


def test_the_driver_names_its_files_by_allowable_slots(profile: Profile) -> None:
    driver = QuectelEc200Driver(cast(Modem, None), profile)
    stems = [name.removeprefix("UFS:").split(".")[0] for name, _ in FILES.values()]
    assert driver.storage is Storage.NVM and parse_slots(",".join(stems)) == frozenset(stems)


def test_the_changed_settings_are_read_and_set_back(profile: Profile) -> None:
    answers = {
        'AT+QSSLCFG="secllevel",1': '+QSSLCFG: "secllevel",1,1',
        'AT+QSSLCFG="sni",1': '+QSSLCFG: "sni",1,0',
    }

    def ask(line: str) -> Response:
        text = answers.get(line)
        final = FinalResult(kind=ResultKind.OK if text else ResultKind.ERROR, text="OK" if text else "ERROR")
        return Response(command=line, final=final, lines=(text,) if text else ())

    restorer = profile.dialect.restorer
    before = restorer.read(ask)
    answers['AT+QSSLCFG="secllevel",1'] = '+QSSLCFG: "secllevel",1,0'
    answers['AT+QSSLCFG="sni",1'] = '+QSSLCFG: "sni",1,1'
    commands = [c for s in restorer.set_back(before, restorer.read(ask)) for c in s.commands]
    assert commands == ['AT+QSSLCFG="secllevel",1,1', 'AT+QSSLCFG="sni",1,0'], (
        f"quectel-ec200-ssl §2.2.1: the settings of context 1 set back: {commands}"
    )
