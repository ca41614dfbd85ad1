"""pyserial URL handlers: ``emulator://`` (see :mod:`emulator.urlhandler.protocol_emulator`)."""
