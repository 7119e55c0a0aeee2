"""The built app's entry script: PyInstaller runs this file as __main__."""

import sys

from ahm_entry import run

if __name__ == "__main__":
    sys.exit(run())
