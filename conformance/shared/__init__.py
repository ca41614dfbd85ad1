"""What every document's suite shares: the socket-driver protocol, server helpers, example replay.

Vendor code lives in ``conformance/<doc>/``; nothing here names a vendor's command.
"""
