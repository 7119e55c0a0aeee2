"""Settlement flat file (v1 and v2): parse, write."""
