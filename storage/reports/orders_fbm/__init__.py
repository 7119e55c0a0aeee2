"""The FBM order reports (Order report / New Orders, Unshipped Orders): parse, write."""
