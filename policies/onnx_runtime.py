"""ONNX Runtime, imported with its telemetry off: the one door the product's models use.

onnxruntime 1.32's Linux wheel carries Microsoft's 1DS telemetry (added upstream in
microsoft/onnxruntime PR #27379, "Add POSIX telemetry"). Its import alone, before any
session, writes ``${XDG_CACHE_HOME:-$HOME/.cache}/Microsoft/DeveloperTools/.onnxruntime/``
(a ``deviceid`` and an offline event store ``onnxruntime.db``), and its uploader's
collector is ``mobile.events.data.microsoft.com``: a file outside the data directory and a
connection no practice agreed to (the write was seen by the session-53 attack review). It
stays quiet when ``CI`` is set, which is why the test suite never saw it.

``ORT_DISABLE_TELEMETRY=1``, in the environment before onnxruntime is first imported, is the
full opt-out: no uploader, no device id, no offline store (PR #27379; measured on 1.32.0:
nothing is written, RapidOCR included). The Python call ``disable_telemetry_events()``
needs the module imported, so it comes too late to stop the first write; it is called as
well, for a process where something imported onnxruntime before us."""

from __future__ import annotations

import os

SWITCH = "ORT_DISABLE_TELEMETRY"


def quiet_onnxruntime() -> None:
    """Import onnxruntime (or find it imported) with its telemetry switched off. Call it
    before anything that imports onnxruntime (RapidOCR's package does). ImportError passes."""
    os.environ[SWITCH] = "1"  # not setdefault: "0" in a deployment's environment loses
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()
