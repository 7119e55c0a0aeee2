"""Single-instance squatting (issue 15, point 11): the lock and socket live in a folder only
this user can write, and a lock or socket another user owns (or a link) is refused."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest

from gui.single_instance import SingleInstance, foreign, private_dir

NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run-user"
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def _name() -> str:
    return f"ahm-test-{uuid.uuid4().hex[:12]}"


def test_the_lock_and_socket_live_in_the_private_runtime_folder(runtime: Path, qtbot: Any) -> None:
    first, second = SingleInstance(_name()), None
    try:
        assert first.lock_path.parent == runtime
        assert first.socket_name == str(runtime / f"{first.name}.sock")
        assert first.acquire()
        assert Path(first.socket_name).exists()
        second = SingleInstance(first.name)
        with qtbot.waitSignal(first.raise_requested, timeout=3000):
            assert not second.acquire()
    finally:
        first.release()
    assert first.lock_path.parent != Path(tempfile.gettempdir())  # never the shared folder


def test_a_shared_runtime_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    chosen = private_dir(tmp_path / "data")
    assert chosen == tmp_path / f"account-health-monitor-{os.getuid()}"
    assert chosen.stat().st_mode & 0o777 == 0o700


@as_root
def test_a_squatted_temp_folder_falls_back_to_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    squatted = tmp_path / f"account-health-monitor-{os.getuid()}"
    squatted.mkdir(mode=0o700)
    os.chown(squatted, NOBODY, NOBODY)  # another user made it first
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    data.chmod(0o700)
    assert private_dir(data) == data
    assert private_dir(None) is None  # nowhere private: the app starts without the check


@as_root
def test_a_lock_another_user_owns_is_refused(runtime: Path) -> None:
    name = _name()
    squat = runtime / f"{name}.lock"
    squat.write_text("")
    os.chown(squat, NOBODY, NOBODY)
    instance = SingleInstance(name)
    try:
        assert foreign(squat)
        assert instance.acquire(listen=False)  # starts anyway: a second window beats none
        assert instance._lock_fd is None  # ... but never through that file
    finally:
        instance.release()


def test_a_lock_that_is_a_link_is_refused(runtime: Path, tmp_path: Path) -> None:
    name = _name()
    target = tmp_path / "somebody-elses-file"
    target.write_text("do not touch")
    (runtime / f"{name}.lock").symlink_to(target)
    instance = SingleInstance(name)
    try:
        assert instance.acquire(listen=False)
        assert instance._lock_fd is None
    finally:
        instance.release()
    assert target.read_text() == "do not touch"


@as_root
def test_a_socket_another_user_owns_is_neither_used_nor_trusted(runtime: Path) -> None:
    holder = SingleInstance(_name())
    assert holder.acquire(listen=False)  # the lock is held: a later start would connect
    try:
        fake = Path(holder.socket_name)
        fake.write_text("")
        os.chown(fake, NOBODY, NOBODY)
        later = SingleInstance(holder.name)
        assert not later._notify_running()  # does not talk to a stranger's socket
        holder.listen()
        assert holder._server is None  # nor removes it to listen in its place
    finally:
        holder.release()
