"""`dossier export -o` writes regular files, and never replaces anything else: a FIFO or a
terminal is written into, other special files are refused, `-` is stdout."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from pathlib import Path

from tests.conftest import SEED_ID, RunDossier


def test_dash_is_stdout_and_no_file_named_dash_appears(run_dossier: RunDossier,
                                                       tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "export", "--format", "json",
                         "-o", "-", check=True)
    assert [m["id"] for m in json.loads(result.stdout)] == [SEED_ID]
    assert not (tmp_path / "-").exists()


def test_a_fifo_is_written_into_not_replaced(run_dossier: RunDossier, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_dossier("--store", str(tmp_path / "T"), "export", "--format", "ndjson",
                         "-o", str(fifo), "--force")
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert fifo.is_fifo()
    assert json.loads(received[0].splitlines()[0])["id"] == SEED_ID


def _null_device(tmp_path: Path) -> Path:
    """A character device to export onto that a regression cannot hurt: our own node for
    /dev/null's device when we may make one (root, as in CI), else /dev/null itself, which
    a user without root cannot replace anyway. (Run as root on a build that replaced
    non-regular files, the real /dev/null once became a regular file.)"""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return Path(os.devnull)
    return node


def test_dev_null_is_written_into_and_stays_a_device(run_dossier: RunDossier,
                                                     tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    result = run_dossier("--store", str(tmp_path / "T"), "export", "--format", "csv",
                         "-o", str(device), "--force")
    assert result.returncode == 0, result.stderr
    assert device.is_char_device()
    assert Path(os.devnull).is_char_device()


def test_a_socket_is_refused_with_one_line(run_dossier: RunDossier, tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = run_dossier("--store", str(tmp_path / "T"), "export", "--format", "json",
                             "-o", str(path), "--force")
    finally:
        server.close()
    assert result.returncode == 1
    assert "not a regular file" in result.stderr and len(result.stderr.splitlines()) == 1
    assert path.is_socket()


def test_a_symlink_is_followed_so_its_target_is_written(run_dossier: RunDossier,
                                                        tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    run_dossier("--store", str(tmp_path / "T"), "export", "--format", "json", "-o", str(link),
                "--force", check=True)
    assert link.is_symlink()
    assert json.loads(target.read_text())[0]["id"] == SEED_ID
