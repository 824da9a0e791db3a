"""The file that marks a folder as one `socialbot demo` made. A module of its own so the
review queue (`socialbot comments list`) can tell a demo folder without loading the demo
(requests, rich: tests/test_cli_imports.py)."""

from __future__ import annotations

from pathlib import Path

# Only such a folder, or an empty or new one, is written into by `socialbot demo --dir`. A
# practice's data directory holds its policy, credentials, database and audit key, and the
# demo had replaced the first two and queued its posts in the third (the newcomer
# walk-through, session 49).
DEMO_MARKER = ".socialbot-demo"


def is_demo_folder(folder: Path) -> bool:
    return (Path(folder) / DEMO_MARKER).is_file()
