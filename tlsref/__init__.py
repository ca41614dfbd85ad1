"""Neutral TLS reference data shared by the emulator and the servers (standard library only).

ARCHITECTURE.md allows exactly this kind of sharing: IANA cipher-suite names and codes are not a
reading of any vendor document, so a wrong entry here is a wrong IANA fact, caught by the tests
of both sides, not a shared misreading that would pass unseen.
"""
