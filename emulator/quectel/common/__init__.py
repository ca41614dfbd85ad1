"""What the two Quectel documents' dialects share (quectel-gsm-ssl, quectel-ec200-ssl).

Both documents open a socket by answering OK and reporting the result later by a URC
(quectel-gsm-ssl §2.2.2, quectel-ec200-ssl §2.2.2: ``sockets``), upload files after ``CONNECT``
(quectel-gsm-ssl §2.2.7 +QSECWRITE; the +QFUPL of the EC200x file application note that
quectel-ec200-ssl §4 names: ``upload``), and read the certificates and keys of those files
(``pem``). Everything else is each document's own.
"""
