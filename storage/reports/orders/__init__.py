"""The All Orders report: parse.py reads it (cells.py checks each new value, and says which
unknown values refuse the file), parse_xml.py its XML variant; write.py (small files) and
the bulk path (bulk.py: feed.py and batches.py in a reader process, bulk_write.py) store
it, both by rule.py, the one order-line rule.
"""
