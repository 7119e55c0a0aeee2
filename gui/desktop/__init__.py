"""The program as the desktop sees it: start at login and the launcher entry.

Plain Python that writes (and removes) small files in the user's home folder; no
Qt, so each platform's writer is tested anywhere against a temporary home.
"""
