"""The restore model is per dialect (issue 10, item 1): each dialect's restorer reads its settings as its
document prints them and gives the commands that set them back; harness.restore drives any of them.

Quectel and Fibocom have no emulator yet: their modules are played here by canned answers written from
the documents' read and write forms (quectel-gsm-ssl §2.2.1, quectel-ec200-ssl §2.2.1, fibocom-l610-ssl
§1.2-§1.5). Telit's restorer runs against the embedded emulator.
"""

from __future__ import annotations

import datetime
import re
import uuid

from harness.dialects import FIBOCOM, QUECTEL_EC200, QUECTEL_GSM, TELIT, Ask, Dialect, SetBack, Snapshot
from harness.dialects.fibocom import CLOCK_SLACK, enabled_ciphers
from harness.events import FinalResult, ResultKind
from harness.link import Link, register_scheme
from harness.modem import Modem, Response
from harness.restore import put_back, restore, snapshot
from harness.transcript import Transcript

register_scheme("emulator.urlhandler")

OK = FinalResult(kind=ResultKind.OK, text="OK")
ERROR = FinalResult(kind=ResultKind.ERROR, text="ERROR")


def answer(command: str, *lines: str, ok: bool = True) -> Response:
    return Response(command=command, final=OK if ok else ERROR, lines=lines)


class CannedQuectel:
    """A Quectel module's +QSSLCFG and +CMEE as the documents print them; ``sent`` keeps every command."""

    GLOBAL = ("ignorertctime",)

    def __init__(self, keywords: dict[str, str], *, echoes_context: bool, contexts: int = 6) -> None:
        self.values = {(kw, str(ctx)): v for kw, v in keywords.items() for ctx in range(contexts)}
        self.values |= {(kw, ""): "0" for kw in self.GLOBAL}
        self.values[("+CMEE", "")] = "0"
        self.echoes_context = echoes_context
        self.refuse: set[str] = set()
        self.sent: list[str] = []

    def __call__(self, command: str) -> Response:
        self.sent.append(command)
        if command == "AT+CMEE?":
            return answer(command, f"+CMEE: {self.values[('+CMEE', '')]}")
        if m := re.fullmatch(r"AT\+CMEE=(\d)", command):
            self.values[("+CMEE", "")] = m.group(1)
            return answer(command)
        m = re.fullmatch(r'AT\+QSSLCFG="(\w+)"(?:,(\d+))?(?:,(.+))?', command)
        assert m, command
        kw, ctx, value = m.groups()
        if kw in self.GLOBAL:
            ctx, value = "", ctx if value is None else f"{ctx},{value}"
        if (kw, ctx or "") not in self.values or command in self.refuse:
            return answer(command, ok=False)
        if value is not None:
            self.values[(kw, ctx or "")] = value
            return answer(command)
        shown = f"{ctx}," if ctx and self.echoes_context else ""
        return answer(command, f'+QSSLCFG: "{kw}",{shown}{self.values[(kw, ctx or "")]}')


GSM_DEFAULTS = {"sslversion": "4", "ciphersuite": '"0XFFFF"', "seclevel": "0", "cacert": '""',
                "clientcert": '""', "clientkey": '""'}  # fmt: skip


def test_quectel_gsm_reads_one_context_and_one_keyword_at_a_time() -> None:
    module = CannedQuectel(GSM_DEFAULTS, echoes_context=False)
    taken = QUECTEL_GSM.restorer.read(module)
    # quectel-gsm-ssl §2.2.1: AT+QSSLCFG="<keyword>",<ctxindex> answers +QSSLCFG: "<keyword>",<value>.
    assert taken['AT+QSSLCFG="sslversion",0'] == [("4",)]
    assert taken['AT+QSSLCFG="ciphersuite",5'] == [('"0XFFFF"',)]
    assert taken['AT+QSSLCFG="ignorertctime"'] == [("0",)] and taken["AT+CMEE?"] == [("0",)]
    assert len(taken) == 6 * 6 + 2
    assert module.sent[:2] == ['AT+QSSLCFG="sslversion",0', 'AT+QSSLCFG="ciphersuite",0']


def test_quectel_gsm_settings_changed_by_a_run_are_set_back_with_the_write_form() -> None:
    module = CannedQuectel(GSM_DEFAULTS, echoes_context=False)
    before = QUECTEL_GSM.restorer.read(module)
    for command in [
        'AT+QSSLCFG="sslversion",0,2',
        'AT+QSSLCFG="ciphersuite",0,"0X0035"',
        'AT+QSSLCFG="cacert",3,"RAM:ca.pem"',
        'AT+QSSLCFG="ignorertctime",1',
        "AT+CMEE=2",
    ]:
        assert module(command).ok  # what the suite's tests set
    module.sent.clear()
    changes = put_back(module, QUECTEL_GSM.restorer, before)
    sets = [c for c in module.sent if c.count(",") >= 2 or c.startswith(("AT+CMEE=", 'AT+QSSLCFG="ignorertctime",'))]
    assert sets == ['AT+QSSLCFG="sslversion",0,4', 'AT+QSSLCFG="ciphersuite",0,"0XFFFF"',
                    'AT+QSSLCFG="cacert",3,""', 'AT+QSSLCFG="ignorertctime",0', "AT+CMEE=0"]  # fmt: skip
    assert [(c.setting, c.before, c.after_run, c.restored) for c in changes] == [
        ('AT+QSSLCFG="sslversion",0', "4", "2", True),
        ('AT+QSSLCFG="ciphersuite",0', '"0XFFFF"', '"0X0035"', True),
        ('AT+QSSLCFG="cacert",3', '""', '"RAM:ca.pem"', True),
        ('AT+QSSLCFG="ignorertctime"', "0", "1", True),
        ("AT+CMEE?", "0", "2", True),
    ]
    assert QUECTEL_GSM.restorer.read(module) == before


def test_a_set_back_the_module_refuses_is_reported_not_restored() -> None:
    module = CannedQuectel(GSM_DEFAULTS, echoes_context=False)
    before = QUECTEL_GSM.restorer.read(module)
    module('AT+QSSLCFG="seclevel",1,2')
    module.refuse.add('AT+QSSLCFG="seclevel",1,0')
    (change,) = put_back(module, QUECTEL_GSM.restorer, before)
    assert (change.setting, change.restored, change.now) == ('AT+QSSLCFG="seclevel",1', False, "2")
    assert change.error == 'AT+QSSLCFG="seclevel",1,0 -> ERROR'


def test_quectel_ec200_answers_with_the_context_and_either_spelling_of_seclevel() -> None:
    # quectel-ec200-ssl §2.2.1: +QSSLCFG: "sslversion",<SSL_ctxID>,<SSL_version>; the document spells
    # "secllevel", the earlier note "seclevel": a module answering only one of them is restored by it.
    keywords = {"sslversion": "4", "ciphersuite": "0XFFFF", "seclevel": "0", "cacert": '"UFS:ca.pem"', "sni": "0"}
    module = CannedQuectel(keywords, echoes_context=True)
    before = QUECTEL_EC200.restorer.read(module)
    assert before['AT+QSSLCFG="sslversion",2'] == [("4",)]
    assert 'AT+QSSLCFG="seclevel",0' in before and 'AT+QSSLCFG="secllevel",0' not in before
    assert 'AT+QSSLCFG="negotiatetime",0' not in before  # refused by this module: left out
    module('AT+QSSLCFG="seclevel",5,1')
    module('AT+QSSLCFG="sni",0,1')
    module.sent.clear()
    changes = put_back(module, QUECTEL_EC200.restorer, before)
    assert [c.setting for c in changes] == ['AT+QSSLCFG="sni",0', 'AT+QSSLCFG="seclevel",5']  # context order
    assert all(c.restored for c in changes)
    assert 'AT+QSSLCFG="seclevel",5,0' in module.sent and 'AT+QSSLCFG="sni",0,0' in module.sent


class CannedFibocom:
    """fibocom-l610-ssl §1.2.2 +GTSSLMODE, §1.4.2 +GTSSLVER, §1.5.2 +GTSSLCIPHER, +CMEE and the clock (+CCLK,
    §2 Example4's form without a zone), kept as its offset from the host's clock."""

    def __init__(self, *, parentheses: bool = True) -> None:
        self.mode, self.version, self.cmee, self.ciphers = "0", "2", "0", {1, 2, 5}
        self.parentheses = parentheses
        self.clock_offset = datetime.timedelta(0)
        self.sent: list[str] = []

    def __call__(self, command: str) -> Response:
        self.sent.append(command)
        if command == "AT+GTSSLMODE?":
            return answer(command, f"+GTSSLMODE: {self.mode}")
        if command == "AT+GTSSLVER?":
            return answer(command, f"+GTSSLVER: {self.version}")
        if command == "AT+CMEE?":
            return answer(command, f"+CMEE: {self.cmee}")
        if command == "AT+CCLK?":
            now = datetime.datetime.now(datetime.UTC) + self.clock_offset
            return answer(command, f'+CCLK: "{now:%y/%m/%d,%H:%M:%S}"')
        m = re.fullmatch(r'AT\+CCLK="(.+?)(?:[+-]\d\d)?"', command)
        if m:
            moment = datetime.datetime.strptime(m.group(1), "%y/%m/%d,%H:%M:%S").replace(tzinfo=datetime.UTC)
            self.clock_offset = moment - datetime.datetime.now(datetime.UTC)
            return answer(command)
        if command == "AT+GTSSLCIPHER?":
            if not self.ciphers:  # "no cipher algorithm ID enabled, modem will load default cipher algorithms"
                return answer(command)
            ids = ",".join(str(i) for i in sorted(self.ciphers))
            return answer(command, f"+GTSSLCIPHER: ({ids})" if self.parentheses else f"+GTSSLCIPHER: {ids}")
        m = re.fullmatch(r"AT\+(GTSSLMODE|GTSSLVER|CMEE)=(\d)", command)
        if m:
            setattr(self, {"GTSSLMODE": "mode", "GTSSLVER": "version", "CMEE": "cmee"}[m.group(1)], m.group(2))
            return answer(command)
        m = re.fullmatch(r"AT\+GTSSLCIPHER=(\d+),([01])", command)
        assert m, command
        (self.ciphers.add if m.group(2) == "1" else self.ciphers.discard)(int(m.group(1)))
        return answer(command)


def test_fibocom_settings_and_ciphers_are_set_back_id_by_id() -> None:
    module = CannedFibocom()
    before = FIBOCOM.restorer.read(module)
    assert before == {"AT+GTSSLMODE?": [("0",)], "AT+GTSSLVER?": [("2",)], "AT+CMEE?": [("0",)],
                      "AT+GTSSLCIPHER?": [("1", "2", "5")], "AT+CCLK?": [("0",)]}  # fmt: skip
    # §2 Example3 sets the clock past a certificate's validity: the suite sets it back to the host's time.
    for command in ["AT+GTSSLMODE=1", "AT+GTSSLVER=4", "AT+GTSSLCIPHER=2,0", "AT+GTSSLCIPHER=7,1",
                    'AT+CCLK="36/01/01,00:00:00"']:  # fmt: skip
        module(command)
    module.sent.clear()
    changes = put_back(module, FIBOCOM.restorer, before)
    sets = [c for c in module.sent if "=" in c]
    assert sets[:4] == ["AT+GTSSLMODE=0", "AT+GTSSLVER=2", "AT+GTSSLCIPHER=7,0", "AT+GTSSLCIPHER=2,1"]
    assert len(sets) == 5 and sets[4].startswith('AT+CCLK="'), sets
    assert abs(module.clock_offset.total_seconds()) <= CLOCK_SLACK
    assert [(c.setting, c.before, c.restored) for c in changes] == [
        ("AT+GTSSLMODE?", "0", True),
        ("AT+GTSSLVER?", "2", True),
        ("AT+GTSSLCIPHER?", "1,2,5", True),
        ("AT+CCLK?", "0", True),
    ]
    assert [c.after_run for c in changes[:3]] == ["1", "4", "1,5,7"]


def test_fibocom_cipher_list_without_parentheses_or_empty() -> None:
    assert enabled_ciphers(("+GTSSLCIPHER: 5,1,2",)) == ("1", "2", "5")
    assert enabled_ciphers(("+GTSSLCIPHER: (1-3,9)",)) == ("1", "2", "3", "9")
    assert enabled_ciphers(()) == ()
    module = CannedFibocom(parentheses=False)
    before = FIBOCOM.restorer.read(module)
    module.ciphers.clear()  # every id switched off: the module loads its defaults
    (change,) = put_back(module, FIBOCOM.restorer, before)
    assert (change.after_run, change.now, change.restored) == ("", "1,2,5", True)


def test_telit_enables_the_ssid_to_set_back_its_settings() -> None:
    # telit-ssl-ug §4.2: #SSLSECCFG is refused while the SSId is disabled (and its read form lists only
    # enabled SSIds): the restore enables it first. On the real (embedded) module, LE866 with SSIds 1-6.
    modem = Modem(link=Link(f"emulator://telit/le866?module={uuid.uuid4().hex}", Transcript(name="t")),
                  dialect=TELIT, timeout=3)  # fmt: skip
    try:
        assert modem.command("AT#SSLEN=1,1").ok
        before = snapshot(modem)
        assert before["AT#SSLSECCFG?"] == [("1", "0", "0")] and before["AT#SSLEN?"][0] == ("1", "1")
        for line in ("AT#SSLSECCFG=1,0,1", "AT#SSLEN=1,0", "AT+CMEE=2"):
            assert modem.command(line).ok, line
        changes = restore(modem, before)
        # Disabling SSId 1 hid its #SSLSECCFG2 and #SSLCFG lines: all are set back, in the table's order.
        assert [c.setting for c in changes] == ["AT#SSLSECCFG?", "AT#SSLSECCFG2?", "AT#SSLCFG?", "AT#SSLEN?",
                                                "AT+CMEE?"]  # fmt: skip
        assert all(c.restored and c.error is None for c in changes), changes
        assert snapshot(modem) == before
        sent = [e.data for e in modem.link.transcript.entries if e.direction == "tx"]
        assert sent.index(b"AT#SSLEN=1,1\r", 2) < sent.index(b"AT#SSLSECCFG=1,0,0\r")
    finally:
        modem.close()


class Linked:
    """A restorer whose set-back of ``a`` needs ``b`` switched on first, as Telit's needs its SSId enabled:
    the second round puts ``b`` back."""

    settings = ("a", "b")

    def read(self, ask: Ask) -> Snapshot:
        return {k: [(ask(f"AT+{k.upper()}?").lines[0],)] for k in self.settings}

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        out = []
        for k in self.settings:
            if before[k] != current[k]:
                prepare = ("AT+B=1",) if k == "a" else ()
                out.append(SetBack(k, 0, (f"AT+{k.upper()}={before[k][0][0]}",), prepare))
        return out


def test_a_setting_changed_by_another_set_back_is_put_back_in_the_next_round() -> None:
    state = {"A": "0", "B": "0"}

    def ask(line: str) -> Response:
        name, _, value = line.removeprefix("AT+").partition("=")
        if name.endswith("?"):
            return answer(line, state[name[:-1]])
        state[name] = value
        return answer(line)

    before = Linked().read(ask)
    state["A"] = "1"  # the run changed a, not b
    (change,) = put_back(ask, Linked(), before)
    assert (change.setting, change.restored) == ("a", True) and state == {"A": "0", "B": "0"}


def test_every_dialect_has_a_restorer() -> None:
    from harness.dialects import DIALECTS

    nothing: Dialect = Dialect(name="x")
    assert nothing.restorer.read(lambda c: answer(c)) == {} and nothing.restorer.set_back({}, {}) == []
    assert all(d.restorer.set_back({}, {}) == [] for d in DIALECTS.values())
