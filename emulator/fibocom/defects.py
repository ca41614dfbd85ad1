"""The Fibocom dialect's named defects (fibocom-l610-ssl), each switched at one place.

Not yet in ``emulator/defects.py``'s union: they join it when the suite kills them (the lead's
call). Each breaks one clause of the document; ``commands`` are spelt as the document spells them.
"""

from __future__ import annotations

from typing import Final

from emulator.core.defect import Defect

FILE_41ST_TRUSTFILE: Final = "fibocom-gtsslfile-41st-trustfile"
MODE_IGNORED: Final = "fibocom-gtsslmode-ignored"
ERR_STALE: Final = "fibocom-gtsslerr-stale"
VER_WRONG_DEFAULT: Final = "fibocom-gtsslver-wrong-default"
CIPHER_DISABLE_IGNORED: Final = "fibocom-gtsslcipher-disable-ignored"
HOST_CLOCK: Final = "fibocom-validity-host-clock"
MIPCALL_NO_ADDRESS: Final = "fibocom-mipcall-no-address"
MIPRTCP_DROPS_BYTE: Final = "fibocom-miprtcp-drops-byte"
MIPCLOSE_NO_URC: Final = "fibocom-mipclose-no-urc"
MIPSEND_SHORT: Final = "fibocom-mipsend-short"
MIPOPEN_URC_FIRST: Final = "fibocom-mipopen-result-before-ok"
MIPCALL_STATUS_SHAPE: Final = "fibocom-mipcall-status-and-address"

DEFECTS: Final[tuple[Defect, ...]] = (
    Defect(name=FILE_41ST_TRUSTFILE, clause="fibocom-l610-ssl §1.1.2, §1.1.4",
           description="+GTSSLFILE=\"TRUSTFILE\" accepts a 41st trust file (the limit is 40)",
           commands=("+GTSSLFILE",)),
    Defect(name=MODE_IGNORED, clause="fibocom-l610-ssl §1.2.1, §1.2.4, §1.3.4, §2 Example 2",
           description="<checkmode> 1 verifies nothing: +MIPOPEN connects without a TRUSTFILE "
                       "and to a server whose chain the trust files do not sign",
           commands=("+GTSSLMODE", "+MIPOPEN")),
    Defect(name=ERR_STALE, clause="fibocom-l610-ssl §1.3.2",
           description="a successful connection does not clear the last error: +GTSSLERR? still "
                       "reports the code of an earlier failed connection",
           commands=("+GTSSLERR",)),
    Defect(name=VER_WRONG_DEFAULT, clause="fibocom-l610-ssl §1.4.4",
           description="+GTSSLVER powers on at 4 (TLS 1.2) instead of 2 (TLS 1.0)",
           commands=("+GTSSLVER",)),
    Defect(name=CIPHER_DISABLE_IGNORED, clause="fibocom-l610-ssl §1.5.4, §2 Example 6",
           description="+GTSSLCIPHER=<id>,0 answers OK but leaves the id enabled",
           commands=("+GTSSLCIPHER",)),
    Defect(name=HOST_CLOCK, clause="fibocom-l610-ssl §1.3.4, §2 Example 3, Example 4",
           description="under <checkmode> 1 certificate dates are checked against the host's "
                       "time, not the module's +CCLK clock",
           commands=("+MIPOPEN",)),  # +CCLK is 27.007's, not the document's (killmatrix.toml)
    Defect(name=MIPCALL_NO_ADDRESS, clause="fibocom-l610-ssl §2 Example 1, Example 6",
           description="+MIPCALL=1 answers OK but never reports +MIPCALL: <ip>",
           commands=("+MIPCALL",)),
    Defect(name=MIPRTCP_DROPS_BYTE, clause="fibocom-l610-ssl §2 Example 5",
           description="each +MIPRTCP URC loses the last byte of its data (count and hex both)",
           commands=("+MIPRTCP",)),
    Defect(name=MIPCLOSE_NO_URC, clause="fibocom-l610-ssl §2 Example 1, Example 4",
           description="+MIPCLOSE closes the connection but never reports +MIPCLOSE: <id>,1",
           commands=("+MIPCLOSE",)),
    Defect(name=MIPSEND_SHORT, clause="fibocom-l610-ssl §2 (emulator/README.md: +MIPSEND is "
                                      "the emulator's choice, no clause of the document)",
           description="+MIPSEND sends the bytes typed after '>' less the last one",
           commands=("+MIPSEND",)),
    # Benign: what real firmware does that the document does not show (issue 13 item 5); the
    # suite must tolerate both.
    Defect(name=MIPOPEN_URC_FIRST, clause="fibocom-l610-ssl §2 Example 1, Example 3",
           description="+MIPOPEN answers once the handshake is over, its result line "
                       "(+MIPOPEN: <id>,1 or ,0) before OK, as some firmware does",
           benign=True, commands=("+MIPOPEN",)),
    Defect(name=MIPCALL_STATUS_SHAPE, clause="fibocom-l610-ssl §2 Example 1, Example 6",
           description="+MIPCALL=1 reports +MIPCALL: 1,<ip> (status and address) instead of "
                       "+MIPCALL: <ip>, as some firmware does",
           benign=True, commands=("+MIPCALL",)),
)
