"""FBA customer returns: parse, write."""
