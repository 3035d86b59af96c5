"""The one rule for the files the handbook reads and writes.

Every reader goes through `open_regular`: source data (policies, topics.yml, glossary.yml, originals)
must be a regular file inside the source folder, not a symbolic link; a file the user names on the
command line (an answers file, a text to import) must be a regular file (a link to one is followed:
the user chose it). A folder, a named pipe (which would block the reader forever), a device, a socket,
a dangling link or a link loop is refused with a message that says what it is. Files are opened
without blocking and checked again on the open descriptor, so a file swapped for a pipe or a link
between the check and the open is refused too.

Files are written by `write_new`: into a temporary file beside the target, then renamed over it, so a
link in the target's place is replaced, never followed, and a failed write leaves no half file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .problems import display_path

NONBLOCK = getattr(os, "O_NONBLOCK", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class FileRefused(Exception):
    """A file that is not read or written; the message (without the file's name) says why and what to do."""


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    return "not a regular file"


def refusal(path: Path, inside: Path | None = None) -> str | None:
    """Why `path` is not read (a message without its name), or None when it is a regular file.

    With `inside` (source data): not a symbolic link, and inside that folder once every linked folder
    on the way is followed. Without it (a file the user named): a link to a regular file is fine.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return "does not exist"
    except NotADirectoryError:
        return "does not exist (a part of its path is a file, not a folder)"
    except OSError as exc:
        return os_reason(exc)
    if stat.S_ISLNK(status.st_mode):
        if inside is not None:
            return (
                "is a symbolic link; only regular files inside the source folder are read "
                "(put the file itself there, not a link to it)"
            )
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return "is a symbolic link to a file that does not exist"
        except OSError as exc:
            return os_reason(exc)
    if not stat.S_ISREG(status.st_mode):
        return f"is {kind(status.st_mode)}"
    if inside is not None and not _is_inside(path, inside):
        return (
            f"leads outside the source folder {display_path(inside)}/ through a linked folder; "
            "only regular files inside the source folder are read (put the file itself there)"
        )
    return None


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return False


def os_reason(exc: OSError) -> str:
    """An operating system's refusal, in words (without the file's name)."""
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that leads in a loop (or too many links deep)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied (check the file's permissions)"
    if exc.errno == errno.ENOENT:
        return "does not exist"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot be read: {exc.strerror or exc}"


@contextmanager
def open_regular(path: Path, inside: Path | None = None) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The open file and its status, or `FileRefused` (see `refusal`). Never blocks on a pipe."""
    reason = refusal(path, inside)
    if reason:
        raise FileRefused(reason)
    try:
        fd = os.open(path, os.O_RDONLY | NONBLOCK | CLOEXEC | (NOFOLLOW if inside is not None else 0))
    except OSError as exc:  # it changed since the check, or cannot be read
        raise FileRefused(os_reason(exc)) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise FileRefused(f"is {kind(status.st_mode)}")
        if NONBLOCK:
            os.set_blocking(fd, True)
        file = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with file:
        yield file, status


def read_bytes(path: Path, inside: Path | None = None) -> bytes:
    """The content of a regular file, or `FileRefused` (see `refusal`)."""
    with open_regular(path, inside) as (file, _):
        try:
            return file.read()
        except OSError as exc:
            raise FileRefused(os_reason(exc)) from None


def write_refusal(target: Path) -> str | None:
    """Why `target` cannot be written (a message without its name), or None."""
    folder = target.parent
    if not os.path.lexists(folder):
        return f"cannot be written: the folder {folder} does not exist (create it first)"
    if not folder.is_dir():
        return f"cannot be written: {folder} is not a folder"
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        return os_reason(exc)
    if status is not None and stat.S_ISDIR(status.st_mode):
        return "is a folder; give a file name"
    if status is not None and not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
        return f"is {kind(status.st_mode)}; give the name of a regular file"
    return None


def write_new(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole (a temporary file renamed over it), or `FileRefused`.

    A symbolic link at `target` is replaced by the file, not followed."""
    reason = write_refusal(target)
    if reason:
        raise FileRefused(reason)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise FileRefused(f"cannot be written: {exc.strerror or exc} (in {target.parent})") from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        os.unlink(temporary)
        raise FileRefused(f"cannot be written: {exc.strerror or exc}") from None
    except BaseException:
        os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
