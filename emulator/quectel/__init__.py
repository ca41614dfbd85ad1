"""The Quectel dialects: one subpackage per document (``gsm``: quectel-gsm-ssl, M10/M66/M85/M95)."""
