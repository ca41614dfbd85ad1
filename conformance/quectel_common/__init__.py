"""What the suites of both Quectel documents (quectel-gsm-ssl, quectel-ec200-ssl) really share: the +QSSLCFG
keyword form, the +QSSLOPEN result URC, the module clock and feeding a dialect's engine (``steps``)."""
