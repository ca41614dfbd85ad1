"""The quectel-gsm-ssl suite: Quectel M10, M66, M85, M95 (GSM SSL TCP Application Note V3.1)."""
