"""Write prefilter_needs.json: the literal needs of every gated pattern of the screen, read
from their syntax once here instead of on the first post of every process
(policies/phi/prefilter.py, NEEDS_CACHE). Run after changing a gated pattern, prefilter.py or
the Python version:

    python policies/phi/data/build_needs.py

tests/test_phi_prefilter_cache.py fails while the file is stale; a stale file is never used
(its fingerprint no longer matches), only slower."""

from __future__ import annotations

import gc
import importlib
import json
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def gated_patterns() -> list[tuple[str, int]]:
    """(pattern, flags) of every Gated the screen's modules build at import or while
    screening sample texts of each context."""
    import policies.phi
    from policies.phi import PhiAllowList, PhiScreen
    from policies.phi.prefilter import Gated

    for info in pkgutil.iter_modules(policies.phi.__path__):
        importlib.import_module(f"policies.phi.{info.name}")
    found = {(g.pattern, g._flags) for g in gc.get_objects() if isinstance(g, Gated)}
    screen = PhiScreen(PhiAllowList())
    for context in ("post", "reply", "comment"):
        screen.screen_many(["Congrats to our patient Ana on finishing chemo today!",
                            "See you at the 5K, Coach Reyes! 📸"], context=context)
    gc.unfreeze()  # the screen's model load froze what it made (policies/allocation.py)
    found |= {(g.pattern, g._flags) for g in gc.get_objects() if isinstance(g, Gated)}
    gc.freeze()  # and frozen it stays
    return sorted(found)


def main() -> int:
    from policies.phi.prefilter import NEEDS_CACHE, needs_table

    patterns = gated_patterns()
    NEEDS_CACHE.write_text(json.dumps(needs_table(patterns), ensure_ascii=False, indent=0)
                           + "\n", "utf-8")
    print(f"{NEEDS_CACHE}: {len(patterns)} patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
