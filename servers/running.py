"""The context-manager shape every server here shares: ``with X(...) as x`` starts it, leaving stops it."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Running:
    """Base of the servers: subclasses define ``start() -> Self`` and ``stop()``; ``with`` calls them."""

    def start(self) -> Self:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
