"""Buyer messages from e-mail (.eml/.mbox: parse_email) or our messages.csv template
(parse_csv); one writer for both.
"""
