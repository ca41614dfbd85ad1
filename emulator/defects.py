"""Named defects: deliberate deviations from the documents, for validating the suite.

Each defect is a switch that the dialect code consults at exactly one place; a module built with
a defect misbehaves in that one way only, so that a conformance suite run against it must fail
the test that covers the broken clause and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

WRONG_CME_CODE: Final = "telit-wrong-cme-code"
OWNERSHIP_NOT_ENFORCED: Final = "telit-ownership-not-enforced"
CERT_FORMAT_ALWAYS_REPORTED: Final = "telit-cert-format-always-reported"
CONFIG_BEFORE_ENABLE: Final = "telit-config-before-enable"
SECCFG2_WRONG_DEFAULT: Final = "telit-seccfg2-wrong-default"
RESOURCE_TEXT_PERIOD: Final = "telit-resource-text-period"


@dataclass(frozen=True, kw_only=True)
class Defect:
    """One named deviation: which clause it breaks and how."""

    name: str
    clause: str
    description: str
    #: A variation the documents allow (an erratum tolerates it): the suite must NOT fail it.
    benign: bool = False


_ALL: Final[tuple[Defect, ...]] = (
    Defect(name=WRONG_CME_CODE, clause="telit-ssl-ug §8.2 Tab. 4; telit-gsm-ssl §5",
           description="'SSL not activated' reported as +CME ERROR: 835 instead of 836 under "
                       "CMEE=1; the verbose text stays right"),
    Defect(name=OWNERSHIP_NOT_ENFORCED, clause="telit-ssl-ug §4.2.2, §4.3.1, §4.3.2",
           description="another AT instance may disable or configure a socket it does not own"),
    Defect(name=CERT_FORMAT_ALWAYS_REPORTED, clause="telit-ssl-ug §4.2.2",
           description="#SSLSECCFG? prints <cert_format> before it was ever set"),
    Defect(name=CONFIG_BEFORE_ENABLE, clause="telit-ssl-ug §4.1, §4.7.1.1",
           description="#SSLCFG set and read forms work before #SSLEN enabled the socket"),
    Defect(name=SECCFG2_WRONG_DEFAULT, clause="telit-ssl-ug §3 Tab. 1",
           description="#SSLSECCFG2 powers on with a <version> other than Tab. 1's default"),
    Defect(name=RESOURCE_TEXT_PERIOD, clause="telit-ssl-ug §4.3.1 (docs/DECISIONS-issue2.md D5)",
           description="'Resource used by another instance' is printed with a final period, as §4.3.1 "
                       "once prints it: a benign variation the suite must tolerate (errata TSU-05)",
           benign=True),
)

DEFECTS: Final[Mapping[str, Defect]] = MappingProxyType({d.name: d for d in _ALL})


def check_defects(names: Iterable[str]) -> frozenset[str]:
    """Return ``names`` as a frozenset, or raise ``ValueError`` naming the valid choices."""
    chosen = frozenset(names)
    unknown = sorted(chosen - DEFECTS.keys())
    if unknown:
        raise ValueError(f"unknown defect {', '.join(map(repr, unknown))}; "
                         f"valid defects: {', '.join(DEFECTS)}")
    return chosen
