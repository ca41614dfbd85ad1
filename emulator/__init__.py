"""The reference module emulator: an independent implementation of the vendor documents.

It never imports the suite, the harness or the vectors: where both sides read a document
differently, running the suite against the emulator shows it.

Entry points:

- :class:`emulator.module.Module` -- one emulated product with its AT instances, in-process;
- :class:`emulator.server.EmulatorServer` and ``python -m emulator`` -- each instance on a TCP port;
- ``emulator://<vendor>/<model>?instance=N&defect=NAME&module=KEY`` -- a pyserial URL, after
  ``serial.protocol_handler_packages.append("emulator.urlhandler")``.
"""
