"""What the Telit documents say each platform's SSL commands accept.

Derived from the profile (technology, document, number of sockets), so that the profile table
stays a list of products and the command modules ask one object for their ranges.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from emulator.core.params import Choice
from emulator.core.product import Profile

# D15: telit-ssl-ug states no limit ("depends on the used module"); the emulator allows 8192 on 3G/4G.
SECDATA_LIMIT = 8192
# The 2G families (GE865, GL865...) are those of telit-gsm-ssl, whose §2.2.2 gives "2047 bytes": the one
# number the documents give for these modules (issue 14, errata TSU-42), kept for their telit-ssl-ug form.
SECDATA_LIMIT_2G = 2047
_ACTIONS = Choice.span(0, 3)  # telit-ssl-ug §4.4: delete, store NVM, read, store RAM
_BOTH = Choice.of(0, 1)
_ZERO = Choice.of(0)


class SecCfgForm(Enum):
    """The three shapes of #SSLSECCFG."""

    GSM = "gsm"  # telit-gsm-ssl §3.2: ciphers 0-3, no <cert_format>
    TWO_G = "2g"  # telit-ssl-ug §4.2.1: ciphers 0-6, no <cert_format>
    THREE_FOUR_G = "3g4g"  # telit-ssl-ug §4.2.2: ciphers 0-5, optional <cert_format> (D4)


@dataclass(frozen=True, kw_only=True)
class TelitPlatform:
    """SSL ranges and features of one product, as its test forms print them."""

    ssids: Choice
    cfg_cids: Choice
    seccfg_form: SecCfgForm
    ciphers: Choice
    # #SSLSECCFG2 versions and power-on default; None: the command does not exist.
    seccfg2_versions: Choice | None
    seccfg2_default: int | None
    has_selint: bool
    sgact_quoted_address: bool
    # telit-ssl-ug §5 Tab. 3: <ClosureType> 1 and #SSLFASTD exist on 2G only.
    closure_types: Choice
    # §5.1.2.2.2: most bytes in one SSLSRING mode-2 URC, 256 on 2G and 1300 on 3G/4G.
    sslsring_limit: int
    # #SSLSECDATA: actions (telit-gsm-ssl §3.3 has no RAM store), most bytes per item (D15).
    secdata_actions: Choice
    secdata_limit: int

    @property
    def has_fastd(self) -> bool:
        """Whether #SSLFASTD exists (telit-ssl-ug §5 Tab. 3, telit-gsm-ssl §4.5.4)."""
        return 1 in self.closure_types

    @property
    def is_gsm(self) -> bool:
        """A telit-gsm-ssl product: no <Size> in #SSLSECDATA, #SSLRCV only (D13, D15)."""
        return self.seccfg_form is SecCfgForm.GSM

    @property
    def has_cert_format(self) -> bool:
        """Whether #SSLSECCFG takes <cert_format> (telit-ssl-ug §4.2.2)."""
        return self.seccfg_form is SecCfgForm.THREE_FOUR_G


def platform_of(profile: Profile) -> TelitPlatform:
    """The Telit SSL facts of ``profile``."""
    ssids = Choice.span(1, profile.ssl_sockets)
    if profile.document == "telit-gsm-ssl":
        # telit-gsm-ssl §2.1 warning: SSL only on cid 1; §3.2: three suites plus 0; §5: #SELINT.
        return TelitPlatform(ssids=ssids, cfg_cids=Choice.span(1, 1),
                             seccfg_form=SecCfgForm.GSM, ciphers=Choice.span(0, 3),
                             seccfg2_versions=None, seccfg2_default=None, has_selint=True,
                             sgact_quoted_address=True, closure_types=_BOTH, sslsring_limit=256,
                             # §2.2.2: "Its maximum size is 2047 bytes".
                             secdata_actions=Choice.span(0, 2), secdata_limit=2047)
    if profile.technology == "2G":
        # telit-ssl-ug §4.2.1 (ciphers 0-6) and §3 warning (no #SSLSECCFG2 on 2G).
        return TelitPlatform(ssids=ssids, cfg_cids=Choice.span(1, 5),
                             seccfg_form=SecCfgForm.TWO_G, ciphers=Choice.span(0, 6),
                             seccfg2_versions=None, seccfg2_default=None, has_selint=False,
                             sgact_quoted_address=False, closure_types=_BOTH, sslsring_limit=256,
                             secdata_actions=_ACTIONS, secdata_limit=SECDATA_LIMIT_2G)
    if profile.technology == "3G":
        # telit-ssl-ug §4.3.1 test form: cid (1). Tab. 1 row 12: versions 1-3, default 3 (D1).
        return TelitPlatform(ssids=ssids, cfg_cids=Choice.span(1, 1),
                             seccfg_form=SecCfgForm.THREE_FOUR_G, ciphers=Choice.span(0, 5),
                             seccfg2_versions=Choice.span(1, 3), seccfg2_default=3,
                             has_selint=False, sgact_quoted_address=False, closure_types=_ZERO,
                             sslsring_limit=1300, secdata_actions=_ACTIONS,
                             secdata_limit=SECDATA_LIMIT)
    # 4G: telit-ssl-ug §4.3.2 test form: cid (1-5). Tab. 1 rows 20, 23: 0-3, default 1 (D1).
    return TelitPlatform(ssids=ssids, cfg_cids=Choice.span(1, 5),
                         seccfg_form=SecCfgForm.THREE_FOUR_G, ciphers=Choice.span(0, 5),
                         seccfg2_versions=Choice.span(0, 3), seccfg2_default=1,
                         has_selint=False, sgact_quoted_address=False, closure_types=_ZERO,
                         sslsring_limit=1300, secdata_actions=_ACTIONS,
                         secdata_limit=SECDATA_LIMIT)
