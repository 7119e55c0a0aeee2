"""The built wheel, installed into a fresh venv, is a working program outside the source tree.

Builds the sdist and the wheel from it (as `make dist` does, without build isolation so
nothing is downloaded), installs the wheel with --no-deps into a new venv that sees
the dev venv's site-packages for the heavy dependencies (a .pth file), and runs the
installed `account-health-monitor` from a temporary folder: --help and --version,
then an import of the sample seller and `metrics --json`, whose output must be the
golden file's, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from core.version import VERSION
from tests.test_cli_golden import AS_OF, FILES, GOLDEN, IMPORTED_AT

ROOT = Path(__file__).resolve().parents[1]
LEAVE_OUT = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "tests",
    "benchmarks",
    "docs",
    "screenshots",
    "bench-data",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "*.sqlite3*",
)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its bin (Scripts) folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=LEAVE_OUT)
    dist = tmp / "dist"
    build = [sys.executable, "-m", "build", "--no-isolation", "--skip-dependency-check"]
    _run([*build, "--outdir", str(dist), str(src)], cwd=tmp)
    assert sorted(p.suffix for p in dist.iterdir()) == [".gz", ".whl"]
    assert next(dist.glob("*.whl")).name.startswith(f"account_health_monitor-{VERSION}-")

    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    purelib = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp
        ).strip()
    )
    (purelib / "_dev_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(dist.glob("*.whl"))
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--quiet",
            str(wheel),
        ],
        tmp,
    )
    return bindir


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the source tree and an environment that knows nothing of it."""
    env = {
        "PATH": "",
        "HOME": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "SYSTEMROOT": os.environ.get("SYSTEMROOT", ""),
    }
    return tmp_path, env


def test_the_installed_command_answers_help_and_version(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = elsewhere
    for name in ("account-health-monitor", "account-health-monitor-cli"):
        out = _run([str(installed / name), "--help"], cwd, env)
        assert out.startswith(f"usage: {name} ")  # named as it was started
        assert "metrics" in out and "import" in out and "--version" in out
        version = _run([str(installed / name), "--version"], cwd, env)
        assert version == f"Account Health Monitor {VERSION}\n"


def test_the_installed_program_uses_its_own_files(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = elsewhere
    probe = (
        "import main, core, resources\n"
        "print(main.__file__); print(core.__file__)\n"
        "print(resources.icon_png(16)); print(resources.icon_file('.ico'))\n"
        "print(resources.templates_dir() / 'claims.csv')\n"
    )
    paths = _run([str(installed / "python"), "-c", probe], cwd, env).split("\n")[:5]
    venv = installed.parent
    for path in map(Path, paths):
        assert path.is_file() and path.is_relative_to(venv), path
        assert not path.is_relative_to(ROOT)


def test_the_installed_program_imports_and_computes_like_the_source(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = elsewhere
    program = [str(installed / "account-health-monitor"), "--db", str(cwd / "data" / "ahm.sqlite3")]
    done = subprocess.run(
        [*program, "import", *map(str, FILES)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr  # the sample set holds one refused file
    out = _run([*program, "metrics", "--as-of", AS_OF, "--json"], cwd, env)
    assert IMPORTED_AT.sub(r'\1"<import time>"', out) == (GOLDEN / "metrics.txt").read_text(
        encoding="utf-8"
    )
