"""Network pieces every dialect can use: connected sockets, byte streams, sends after a prompt.

Nothing here names a vendor command: what a connection announces (its URCs) and how a send
answers (its finals or errors) are given by the dialect that opens it.
"""
