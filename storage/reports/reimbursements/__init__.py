"""FBA reimbursements: parse, write."""
