"""Session 49 (newcomer's item 5): `socialbot sandbox > sandbox.env` keeps the settings.
They went to stderr with the log lines, so a redirected stdout caught nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

from dotenv import dotenv_values

from social_bot.sandbox import sandbox_env

ROOT = Path(__file__).resolve().parent.parent
ENV_LINE = re.compile(r"(# )?[A-Z][A-Z0-9_]*=\S+")


def test_the_settings_go_to_stdout_as_an_env_file_and_the_log_to_stderr(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    env.update({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)})
    out_file = tmp_path / "sandbox.env"
    with out_file.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "social_bot", "sandbox", "--port", "0"],
                                stdout=out, stderr=subprocess.PIPE, text=True, env=env,
                                cwd=tmp_path)
        # if the closing line never comes (the old code), stop it rather than hang
        guard = threading.Timer(30, proc.send_signal, args=[signal.SIGTERM])
        guard.start()
        try:
            log = []
            for line in proc.stderr:  # the last line before it waits for a signal
                log.append(line)
                if line.startswith("the settings are on standard output"):
                    break
            proc.send_signal(signal.SIGTERM)
            rest = proc.communicate(timeout=60)[1]
        finally:
            guard.cancel()
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0
    written = out_file.read_text().splitlines()
    url = next(line.split()[-1] for line in log if line.startswith("sandbox listening on"))
    assert written[0] == f"# settings that point the adapters at the sandbox on {url}"
    assert all(ENV_LINE.fullmatch(line) or line.startswith("# ") for line in written)
    settings = dotenv_values(out_file)  # read as a .env: the connect block stays commented
    assert settings == sandbox_env(url, "sandbox")
    assert any(line.startswith("# ") and "=" in line for line in written[2:])  # connect's
    assert not [line for line in log + rest.splitlines() if ENV_LINE.fullmatch(line.strip())]
    assert "sandbox stopped" in rest
