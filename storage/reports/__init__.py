"""One package per report kind: its parser and its writer side by side.

kinds.py lists every kind (sniff, parse, writer); detect.py picks the kind of
a file. Package modules import nothing here, so the bulk reader process
(orders/feed.py) loads only what it parses with.
"""
