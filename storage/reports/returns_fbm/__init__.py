"""FBM return requests (the Returns report): parse, write (with the decision time RDR needs)."""
