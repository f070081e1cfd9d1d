"""Pseudonymous annotator ids: a salted hash of the Label Studio user's e-mail address.

The salt and the pseudonym-to-e-mail mapping stay in a private folder beside the ledger (mode 0700, with a
`.gitignore` of its own so that no commit and no release picks them up). Without the salt nobody can test
guessed e-mail addresses against the ledger; with it, the team that ran the annotation can still tell who is
who, for example to pay annotators or to ask one about a label.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path

from builder.studio.ledger import write_json_atomically

PRIVATE_DIR = ".private"
SALT_FILE = "annotator-salt"
MAPPING_FILE = "annotators.json"


def pseudonym_of(salt: str, email: str) -> tuple[str, str]:
    """(annotator id, normalised e-mail) for a user; needs only the salt, so `builder.studio.convert` works
    pseudonyms out without the private folder."""
    normalised = email.strip().casefold()
    digest = hashlib.sha256(f"{salt}\x1f{normalised}".encode()).hexdigest()[:16]
    return f"annotator_{digest}", normalised


class Pseudonyms:
    def __init__(self, out_dir: Path) -> None:
        self.folder = out_dir / PRIVATE_DIR
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Annotator salt and identities: never commit, never release.\n*\n", encoding="utf-8")
        salt_path = self.folder / SALT_FILE
        if not salt_path.exists():
            salt_path.touch(mode=0o600)
            salt_path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
        self.salt = salt_path.read_text(encoding="utf-8").strip()
        mapping_path = self.folder / MAPPING_FILE
        self.mapping: dict[str, str] = (
            json.loads(mapping_path.read_text(encoding="utf-8")) if mapping_path.exists() else {}
        )
        self._known = len(self.mapping)

    def remember(self, used: dict[str, str]) -> None:
        """Add pseudonyms worked out elsewhere with this salt (`pseudonym_of`, by `builder.studio.convert`)."""
        for pseudonym, normalised in used.items():
            self.mapping.setdefault(pseudonym, normalised)

    def save(self) -> None:
        if len(self.mapping) != self._known:
            write_json_atomically(self.folder / MAPPING_FILE, self.mapping, mode=0o600)
            self._known = len(self.mapping)
