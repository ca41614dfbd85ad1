"""The quectel-ec200-ssl dialect (Quectel EC200x-CN & EC800x-CN SSL Application Note V1.0.0).

Products EC200M-CN, EC200N-CN, EC800M-CN, EC800N-CN (§1.1). One module per command of the
document (``qsslcfg``, ``qsslopen``, ``qsslsend``, ``qsslrecv``, ``qsslclose``, ``qsslstate``,
``qigeterror``, the URCs in ``urcs``); the commands the document leaves to its documents [1]-[3]
but uses: the bearer (``bearer``: +QICSGP, +QIACT, +QIDEACT, §1.3, §3.1), the UFS file store
(``files``: +QFUPL, +QFDEL, +QFLST, §4), the switches of transparent mode (``transparent``:
+QISWTMD, ATO, AT&D, §1.4) and +CCLK (§1.5, the core's). ``tlsconfig`` turns an SSL context
into the handshake; ``dialect`` assembles everything, ``products`` and ``defects`` are the
dialect's contributions to the registries. Choices the document leaves open are listed in
each module's docstring.
"""
