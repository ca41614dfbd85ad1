"""The quectel-gsm-ssl dialect (Quectel GSM SSL TCP Application Note V3.1): M10, M66, M85, M95.

One module per command of the document (``qsslcfg``, ``qsslopen``, ``qsslsend``, ``qsslrecv``,
``qsslclose``, ``qsslstate``, ``qsecwrite``, ``qsecread``, ``qsecdel``); the bearer and plain TCP
commands the examples use, which the document leaves to the Mxx AT Commands Manual, in
``bearer`` and ``tcp``; ``dialect`` assembles them, ``products`` and ``defects`` are the
dialect's contributions to the registries.
"""
