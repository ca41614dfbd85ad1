"""The Fibocom dialect: fibocom-l610-ssl (FIBOCOM L610 AT Commands User Manual, SSL, V1.0.0).

One module per command: the SSL configuration (+GTSSLFILE, +GTSSLMODE, +GTSSLERR, +GTSSLVER,
+GTSSLCIPHER, §1.1-§1.5) and the commands the document's examples (§2) use around it: +MIPCALL,
+MIPOPEN, +MIPRTCP, +MIPCLOSE, +CCLK, +COPS. The document never shows how data is sent:
+MIPSEND (``mipsend.py``) is the vendor's usual command, a choice of the emulator
(emulator/README.md "The Fibocom dialect"). ``dialect.py`` assembles the dialect, ``products.py``
and ``defects.py`` are its contributions to the registries.
"""
