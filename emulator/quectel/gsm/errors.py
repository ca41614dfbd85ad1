"""The +CME ERROR codes of +QSECWRITE / +QSECREAD / +QSECDEL (quectel-gsm-ssl §2.2.7-§2.2.9).

The document writes ``+CME ERROR: <err>`` and gives no code: the emulator uses the general
codes of 3GPP TS 27.007 §9.2.1 (emulator/README.md): 4 for a malformed or out-of-range parameter,
3 for a file that exists already (§2.2.7: delete it first), 22 for a file that does not exist.
The SSL commands answer plain ERROR, as the document prints them.
"""

from __future__ import annotations

from emulator.core.errors import OPERATION_NOT_ALLOWED, CmeError

NOT_FOUND = 22


def file_exists() -> CmeError:
    """§2.2.7: the file must be deleted before it is written again."""
    return CmeError(OPERATION_NOT_ALLOWED, "operation not allowed")


def not_found() -> CmeError:
    """No such file."""
    return CmeError(NOT_FOUND, "not found")
