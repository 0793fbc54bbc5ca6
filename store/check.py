"""Verify a store without changing it: every file decodes, every record validates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DamagedFile, RecordInvalid, StoreError
from .model import Meeting, Note
from .storage import TEMP_SUFFIX, decode_json_file
from .store import (
    MANIFEST,
    MEETINGS_DIR,
    MEETINGS_TABLE,
    NOTES_FILE,
    NOTES_TABLE,
    _read_manifest,
    shard_name,
)


@dataclass
class CheckReport:
    root: Path
    meetings: int = 0
    notes: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(root: Path) -> CheckReport:
    """Read every file of the store at ``root`` and report what is wrong, file by file."""
    report = CheckReport(root=root)
    if not (root / MANIFEST).exists():
        report.problems.append(f"{root} is not a dossier store (no {MANIFEST})")
        return report
    try:
        _read_manifest(root)
    except StoreError as exc:
        report.problems.append(str(exc))
    meeting_ids: Counter[str] = Counter()
    meetings_dir = root / MEETINGS_DIR
    shard_files = sorted(meetings_dir.glob("*.json")) if meetings_dir.is_dir() else []
    for path in shard_files:
        for doc in _table_docs(path, MEETINGS_TABLE, report):
            try:
                meeting = Meeting.from_json_dict(doc)
            except RecordInvalid as exc:
                report.problems.append(f"{path}: {exc}")
                continue
            meeting_ids[meeting.id] += 1
            report.meetings += 1
            if shard_name(meeting.id) != path.name:
                report.warnings.append(f"{path}: meeting {meeting.id} belongs in "
                                       f"{shard_name(meeting.id)}")
    for meeting_id, count in meeting_ids.items():
        if count > 1:
            report.problems.append(f"meeting {meeting_id} is stored {count} times")
    notes_path = root / NOTES_FILE
    note_ids: Counter[str] = Counter()
    if notes_path.exists() or notes_path.is_symlink():
        for doc in _table_docs(notes_path, NOTES_TABLE, report):
            try:
                note = Note.from_json_dict(doc)
            except RecordInvalid as exc:
                report.problems.append(f"{notes_path}: {exc}")
                continue
            note_ids[note.id] += 1
            report.notes += 1
            if note.meeting_id not in meeting_ids:
                report.warnings.append(f"note {note.id} belongs to missing meeting "
                                       f"{note.meeting_id}")
    for note_id, count in note_ids.items():
        if count > 1:
            report.problems.append(f"note {note_id} is stored {count} times")
    for directory in (root, meetings_dir):
        for leftover in directory.glob(f".*{TEMP_SUFFIX}"):
            report.warnings.append(f"{leftover} is a temp file left by an interrupted write")
    return report


def _table_docs(path: Path, table: str, report: CheckReport) -> list[dict]:
    try:
        data = decode_json_file(path)
    except DamagedFile as exc:
        report.problems.append(str(exc))
        return []
    if not isinstance(data, dict):
        report.problems.append(str(DamagedFile(path, "expected a JSON object of tables")))
        return []
    docs = data.get(table, {})
    if not isinstance(docs, dict):
        report.problems.append(str(DamagedFile(path, f'table "{table}" is not an object')))
        return []
    good = []
    for doc_id, doc in docs.items():
        if isinstance(doc, dict):
            good.append(doc)
        else:
            report.problems.append(str(DamagedFile(path, f"document {doc_id} is not an object")))
    return good
