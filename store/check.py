"""Verify a store without changing it, and repair a damaged one without losing anything.

``check_store`` reads every file and validates every record, naming each problem's file.
``repair_store`` replaces each damaged file with the copy in the newest backup that passes
the check (keeping any newer records it can salvage from the damaged file) or, with no such
backup, with the records it can salvage. A damaged file is never deleted: it is moved aside
as ``<name>.damaged-<timestamp>`` next to where it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .backup import backup_file, list_backups
from .errors import DamagedFile, RecordInvalid, StoreError
from .journal import OLD_SUFFIX, pending
from .layout import (
    JOURNAL_FILE,
    MANIFEST,
    MEETINGS_DIR,
    MEETINGS_TABLE,
    NOTES_FILE,
    NOTES_TABLE,
    meeting_files,
    shard_name,
)
from .model import SCHEMA_VERSION, Meeting, Note
from .shape import NewerRecord, newer_record
from .storage import TEMP_SUFFIX, decode_json_file, fsync_directory, refuse_symlink
from .store import Store, Transaction, read_manifest


@dataclass
class CheckReport:
    root: Path
    meetings: int = 0
    notes: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Problems by file: what ``repair_store`` acts on.
    damaged: dict[Path, list[str]] = field(default_factory=dict)
    #: Files holding data from a newer meeting-dossier: upgrade, never repair.
    newer: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, path: Path, error: StoreError) -> None:
        self.problems.append(str(error))
        if isinstance(error, NewerRecord):
            self.newer.append(path)
        else:
            self.damaged.setdefault(path, []).append(str(error))


def check_store(root: Path) -> CheckReport:
    """Read every file of the store at ``root`` and report what is wrong, file by file."""
    report = CheckReport(root=root)
    manifest = root / MANIFEST
    if not manifest.exists() and not manifest.is_symlink():
        report.problems.append(f"{root} is not a dossier store (no {MANIFEST}); create one "
                               f"with `dossier init {root}`.")
        return report
    _check_manifest(manifest, report)
    stored_in: dict[str, Path] = {}
    for path in meeting_files(root):
        in_this_file: set[str] = set()
        for doc in _table_docs(path, MEETINGS_TABLE, report):
            meeting = _valid(path, doc, Meeting, report)
            if meeting is None:
                continue
            first = stored_in.setdefault(meeting.id, path)
            if first != path or meeting.id in in_this_file:
                where = "twice" if first == path else f"also in {first.name}"
                report.problem(path, DamagedFile(path, f"meeting {meeting.id} is stored "
                                                 f"{where}"))
                continue
            in_this_file.add(meeting.id)
            report.meetings += 1
            if shard_name(meeting.id) != path.name:
                report.warnings.append(f"{path}: meeting {meeting.id} belongs in "
                                       f"{shard_name(meeting.id)}")
    # With a meetings file unreadable, a note's meeting is not known to be missing.
    meetings_readable = not any(p.parent.name == MEETINGS_DIR
                                for p in [*report.damaged, *report.newer])
    notes_path = root / NOTES_FILE
    note_ids: Counter[str] = Counter()
    if notes_path.exists() or notes_path.is_symlink():
        for doc in _table_docs(notes_path, NOTES_TABLE, report):
            note = _valid(notes_path, doc, Note, report)
            if note is None:
                continue
            note_ids[note.id] += 1
            if note_ids[note.id] == 2:
                report.problem(notes_path, DamagedFile(notes_path, f"note {note.id} is "
                                                       f"stored twice"))
            if note_ids[note.id] > 1:
                continue
            report.notes += 1
            if meetings_readable and note.meeting_id not in stored_in:
                report.warnings.append(f"note {note.id} belongs to missing meeting "
                                       f"{note.meeting_id}")
    for directory in (root, root / MEETINGS_DIR):
        for live in _orphaned_damaged_copies(directory):
            copies = ", ".join(c.name for c in _damaged_copies(live))
            report.problem(live, DamagedFile(
                live, f"it is missing and only its damaged copy ({copies}) is left",
                "run `dossier check --repair` to salvage it"))
    if pending(root):
        report.problems.append(f"{root / JOURNAL_FILE}: a write of several files was cut "
                               f"short; any dossier command that writes (or `dossier check "
                               f"--repair`) finishes it")
    for directory in (root, root / MEETINGS_DIR):
        for leftover in [*directory.glob(f".*{TEMP_SUFFIX}"), *directory.glob(f".*{OLD_SUFFIX}")]:
            report.warnings.append(f"{leftover} is a temp file left by an interrupted write")
    _check_modes(root, report)
    return report


def _check_modes(root: Path, report: CheckReport) -> None:
    """Warn about store files others can read: notes are private (0700 dirs, 0600 files)."""
    paths = [root, root / MANIFEST, root / MEETINGS_DIR, *meeting_files(root), root / NOTES_FILE]
    for path in paths:
        try:
            st = path.lstat()
        except OSError:
            continue
        if st.st_mode & 0o077 and not stat.S_ISLNK(st.st_mode):  # a link is damage
            want = "700" if path.is_dir() else "600"
            report.warnings.append(
                f"{path} can be read by other users (mode {st.st_mode & 0o777:o}); "
                f"run `chmod {want} {path}`")


def _check_manifest(manifest: Path, report: CheckReport) -> None:
    try:
        refuse_symlink(manifest)
        data = read_manifest(manifest.parent)
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise DamagedFile(manifest, "schema_version is missing or not a number")
        if version > SCHEMA_VERSION:
            raise newer_record(manifest, "a store", version)
    except StoreError as exc:
        report.problem(manifest, exc)


def _valid(path: Path, doc: dict[str, Any], model: type[Meeting] | type[Note],
           report: CheckReport) -> Any:
    version = doc.get("schema_version", 1)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        report.problem(path, newer_record(path, f"meeting {doc.get('id')}", version))
        return None
    try:
        return model.from_json_dict(doc)
    except RecordInvalid as exc:
        report.problem(path, DamagedFile(path, str(exc)))
        return None


def _table_docs(path: Path, table: str, report: CheckReport) -> list[dict[str, Any]]:
    try:
        refuse_symlink(path)
        data = decode_json_file(path)
        if not isinstance(data, dict):
            raise DamagedFile(path, "expected a JSON object of tables")
        docs = data.get(table, {})
        if not isinstance(docs, dict):
            raise DamagedFile(path, f'table "{table}" is not an object')
    except DamagedFile as exc:
        report.problem(path, exc)
        return []
    good = []
    for doc_id, doc in docs.items():
        if isinstance(doc, dict):
            good.append(doc)
        else:
            report.problem(path, DamagedFile(path, f"document {doc_id} is not an object"))
    return good


# -- repair ------------------------------------------------------------------------------


@dataclass
class RepairReport:
    actions: list[str] = field(default_factory=list)
    after: CheckReport | None = None

    @property
    def ok(self) -> bool:
        return self.after is not None and self.after.ok


def repair_store(root: Path) -> RepairReport:
    """Repair every damaged file of the store at ``root``; never deletes anything.

    Raises :class:`StoreError` (changing nothing) when the store holds data from a newer
    meeting-dossier, which an upgrade reads and a repair would wrongly discard.
    """
    before = check_store(root)
    result = RepairReport()
    if before.ok:
        result.actions.append(f"{root} has no damaged file; nothing was changed.")
        result.after = before
        return result
    if before.newer:
        raise StoreError(f"{before.newer[0]} was written by a newer meeting-dossier; upgrade "
                         f"meeting-dossier instead of repairing; nothing was changed.")
    if not before.damaged:
        raise StoreError(f"{before.problems[0]} Nothing was changed.")
    good_backup = _newest_good_backup(root)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    # backup=False: the daily backup would snapshot the damaged files and could rotate a
    # good backup out.
    with Store(root) as store, store.transaction(backup=False) as tx:
        for path in before.damaged:
            result.actions.append(_repair_file(tx, path, good_backup, stamp, before))
    result.after = check_store(root)
    return result


def _newest_good_backup(root: Path) -> Path | None:
    for backup in reversed(list_backups(root)):
        if check_store(backup).ok:
            return backup
    return None


def _repair_file(tx: Transaction, path: Path, backup: Path | None, stamp: str,
                 before: CheckReport) -> str:
    root = tx.root
    relative = path.relative_to(root)
    if path.is_file() and not path.is_symlink() and not os.access(path, os.R_OK):
        return (f"{relative} cannot be read, so it was left as it is; give your user read "
                f"access (chmod 600 {path}) and run `dossier check` again.")
    aside = _aside_name(path, stamp)
    if path == root / MANIFEST:
        _keep_copy(path, aside)
        tx.write_manifest()
        return f"Wrote a new {relative}; the damaged one is kept as {aside.name}."
    is_notes = path == root / NOTES_FILE
    table = NOTES_TABLE if is_notes else MEETINGS_TABLE
    model: type[Meeting] | type[Note] = Note if is_notes else Meeting
    elsewhere: set[str] = set()
    if not is_notes:
        for other in meeting_files(root):
            if other != path and other not in before.damaged:
                elsewhere.update(d.get("id") for d in _quiet_docs(other, table))
    # A live file lost to an earlier repair cut short: salvage from its newest damaged copy.
    source = path if path.exists() or path.is_symlink() else _damaged_copies(path)[-1]
    salvaged, unusable = salvage_docs(source, table, model, exclude=elsewhere)
    copy = backup_file(backup, root, path) if backup is not None else None
    if copy is not None:
        restored = [d for d in _quiet_docs(copy, table) if d.get("id") not in elsewhere]
        known = {d.get("id") for d in restored}
        newer = [d for d in salvaged if d.get("id") not in known]
        docs = restored + newer
        how = (f"Restored {relative} from backup {backup.name if backup else ''}"
               f"{f' and kept {_records(len(newer))} salvaged from the damaged file that the backup lacked' if newer else ''}")  # noqa: E501
    elif not salvaged:
        docs = []
        how = (f"Nothing in {relative} could be salvaged and no good backup has it, so it "
               f"was replaced by an empty file")
    else:
        docs = salvaged
        how = (f"Salvaged {_records(len(docs))} of {relative} into a new file"
               f"{f' and left out {unusable} unreadable or invalid' if unusable else ''}")
    # The replacement is staged and the damaged bytes get a second name, and only the
    # commit swaps the new file in: a full disk or a kill before it leaves the damaged file
    # where it was (never a missing one), and the copy is never a temp file to tidy away.
    if source == path:
        _keep_copy(path, aside)
        kept = aside.name
    else:
        kept = source.name
    tx.replace(path, table, docs)
    return f"{how}; the damaged file is kept as {kept}."


def _keep_copy(path: Path, aside: Path) -> None:
    """Give the damaged file at ``path`` a second name, ``aside`` (its bytes, not moved)."""
    if path.is_symlink() or not path.is_file():
        # A link is not ours to follow and a directory cannot be linked: move it aside (if
        # the commit then fails, check reports the missing file and repair salvages it).
        os.rename(path, aside)
        return
    try:
        os.link(path, aside, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, aside)  # a file system without hard links
    fsync_directory(path.parent)


def _damaged_copies(live: Path) -> list[Path]:
    """The copies a repair kept of ``live``, oldest first (the stamp sorts by time)."""
    return sorted(live.parent.glob(f"{live.name}.damaged-*"))


def _orphaned_damaged_copies(directory: Path) -> list[Path]:
    """Live files that are missing while a damaged copy of them is kept."""
    if not directory.is_dir():
        return []
    lives = {copy.with_name(copy.name.split(".damaged-", 1)[0])
             for copy in directory.glob("*.damaged-*")}
    return sorted(live for live in lives if not live.exists() and not live.is_symlink())


def _aside_name(path: Path, stamp: str) -> Path:
    """``<name>.damaged-<stamp>``, never one that exists: a repair must not overwrite."""
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists() or aside.is_symlink():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    return aside


def _records(n: int) -> str:
    return f"{n} record{'' if n == 1 else 's'}"


def _quiet_docs(path: Path, table: str) -> list[dict[str, Any]]:
    try:
        data = decode_json_file(path)
    except StoreError:
        return []
    docs = data.get(table) if isinstance(data, dict) else None
    return [d for d in docs.values() if isinstance(d, dict)] if isinstance(docs, dict) else []


def salvage_docs(path: Path, table: str, model: type[Meeting] | type[Note],
                 exclude: set[str] | None = None) -> tuple[list[dict[str, Any]], int]:
    """The valid records of a damaged TinyDB file, and how many others were found.

    Reads what it can: a file that parses is taken as it is; one that does not (truncated,
    bad bytes) is read record by record until the damage, so every complete record before
    it survives. Records that do not validate, cannot be written as UTF-8, or repeat an id
    are left out (they stay in the damaged file, which is kept).
    """
    candidates = _candidate_docs(path, table)
    exclude = exclude or set()
    good: list[dict[str, Any]] = []
    seen: set[str] = set()
    unusable = 0
    for doc in candidates:
        try:
            orjson.dumps(doc)
            record = model.from_json_dict(doc)
        except (TypeError, RecordInvalid, orjson.JSONEncodeError):
            unusable += 1
            continue
        if record.id in seen or record.id in exclude:
            unusable += 1
            continue
        seen.add(record.id)
        good.append(record.to_json_dict())
    return good, unusable


def _candidate_docs(path: Path, table: str) -> list[Any]:
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _scan_records(raw.decode("utf-8", errors="surrogateescape"), table)
    if isinstance(data, dict):
        data = data.get(table, data)
    if isinstance(data, dict):
        return list(data.values())
    if isinstance(data, list):
        return data
    return []


def _scan_records(text: str, table: str) -> list[Any]:
    """Records of ``{"table": {"1": {...}, "2": {...}` up to the first damage."""
    decoder = json.JSONDecoder()
    start = text.find(json.dumps(table))
    if start < 0:
        return []
    i = text.find("{", start + len(table) + 2)
    if i < 0:
        return []
    i += 1
    out: list[Any] = []
    try:
        while True:
            while i < len(text) and text[i] in " \t\r\n,":
                i += 1
            if i >= len(text) or text[i] == "}":
                break
            _key, i = decoder.raw_decode(text, i)
            while i < len(text) and text[i] in " \t\r\n":
                i += 1
            if i >= len(text) or text[i] != ":":
                break
            i += 1
            while i < len(text) and text[i] in " \t\r\n":
                i += 1
            value, i = decoder.raw_decode(text, i)
            out.append(value)
    except (ValueError, RecursionError):
        pass
    return out
