"""The second process of a big index build: reads meeting shards and builds their rows.

Run by store.shard_worker as ``python -m dossier.store.index_worker ROOT``: it reads pickled
requests (shard name, its key, the digests indexed) from stdin until EOF and answers each,
in order, on stdout with the pickled shard (store.index.read_and_prepare_shard), or None
when it could not prepare it (the index then prepares that one itself).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import IO

from .index import _Shard, read_and_prepare_shard


def serve(root: Path, requests: IO[bytes], answers: IO[bytes]) -> None:
    """Answer requests until ``requests`` ends: the child's whole life."""
    while True:
        try:
            name, key, known = pickle.load(requests)
        except EOFError:
            return
        answer: _Shard | None
        try:
            answer = read_and_prepare_shard(root, name, key, known)
        except Exception:  # the index prepares this one itself (see ShardWorker.result)
            answer = None
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
