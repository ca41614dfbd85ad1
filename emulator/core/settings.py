"""Per-instance interface settings (ATE, ATV, ATQ, S3/S4/S5/S12, +CMEE)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(kw_only=True)
class InstanceSettings:
    """The settings one AT instance keeps for itself.

    These are per instance, not per module: telit-ssl-ug §4.3.1 shows instance 2 reading
    ``+CMEE: 0`` after instance 1 set 2 (docs/DECISIONS-issue2.md D12).
    """

    echo: bool = True  # V.250 §6.2.4: E1 is the recommended default
    verbose: bool = True  # V.250 §6.2.6: V1 is the recommended default
    quiet: bool = False  # V.250 §6.2.5: Q0 default
    s3: int = 13  # V.250 §6.2.1: command line termination character, CR
    s4: int = 10  # V.250 §6.2.2: response formatting character, LF
    s5: int = 8  # V.250 §6.2.3: command line editing character, BS
    cmee: int = 0  # 3GPP TS 27.007 §9.1: +CMEE power-on value 0
    # Escape guard time in 1/50 s (docs/DECISIONS-issue4.md D18: default 50, one second).
    s12: int = 50

    def reset(self) -> None:
        """Return to the power-on values (ATZ, AT&F, power cycle)."""
        fresh = InstanceSettings()
        self.echo, self.verbose, self.quiet = fresh.echo, fresh.verbose, fresh.quiet
        self.s3, self.s4, self.s5, self.cmee = fresh.s3, fresh.s4, fresh.s5, fresh.cmee
        self.s12 = fresh.s12
