"""Shared pytest fixtures. This part: the browser test's JupyterLab server and headless Chromium.

``lab_server`` (session): copies the repo's ``notebooks/`` into a temporary folder (the saved
notebooks are never modified by a test run), starts JupyterLab on 127.0.0.1 with a random token,
a free port, the Jupyter news/update pop-up silenced by a user-settings file, and the app exposed
as ``window.jupyterapp`` so the test can run commands; waits for ``/api/status`` with the token
and stops the server at the end. Kernels import ``helpers`` from this checkout (PYTHONPATH) and
``helpers.workbook.default_corpus()`` falls back to this checkout's ``seeds/``.

``chromium`` (session): Debian's ``/usr/bin/chromium`` driven by Playwright, headless, with a
fresh profile. If Chromium or Playwright is missing, or the browser cannot start, every test
using it is skipped with a message saying how to enable it (fails instead when
``WARTA_REQUIRE_BROWSER=1``, for CI). ``WARTA_CHROMIUM`` overrides the browser path.

``notebooks_unchanged`` (session, autouse): the notebooks are the source the analyst edits, so
no test may write into ``notebooks/``; a hash of every file there is compared at the end of the
session (covering nbval's runs too) and a change is reported as an error.

Start/stop helpers are plain functions (``start_lab``, ``launch_chromium``) so they can also be
used from a script while developing the test.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium")
SKIP_MSG = ("headless Chromium not found: install Debian's chromium (apt-get install chromium) "
            "to run the browser test")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# STACK.md: without this the "Jupyter news" toast asks for consent and may cover the notebook.
NOTIFICATION_SETTINGS = {"fetchNews": "false", "checkForUpdates": False}
SERVER_START_TIMEOUT = 60  # seconds
# CI sets WARTA_REQUIRE_BROWSER=1: there a missing or broken Chromium fails instead of skipping.
REQUIRE_BROWSER = os.environ.get("WARTA_REQUIRE_BROWSER", "") not in ("", "0")


def _skip_or_fail(msg: str):
    if REQUIRE_BROWSER:
        pytest.fail(f"{msg} (WARTA_REQUIRE_BROWSER is set)")
    pytest.skip(msg)


@dataclass
class LabServer:
    """A running JupyterLab: base ``url``, ``token``, served ``root`` folder and its process."""
    url: str
    token: str
    root: Path
    proc: subprocess.Popen
    log: Path
    workdir: Path = field(repr=False)

    def api(self, path: str):
        """GET ``/api/<path>`` with the token; the decoded JSON."""
        req = urllib.request.Request(f"{self.url}/api/{path}",
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read().decode())

    def lab_url(self, notebook: str) -> str:
        """The notebook alone in a fresh workspace of its own (no tabs restored from elsewhere)."""
        workspace = "t" + secrets.token_hex(4)
        return f"{self.url}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={self.token}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        shutil.rmtree(self.workdir, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(notebooks: Path = REPO / "notebooks", workdir: Path | None = None) -> LabServer:
    """Copy ``notebooks`` into a temporary folder and serve it with JupyterLab (see module doc)."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="warta-lab-"))
    root = workdir / "notebooks"
    shutil.copytree(notebooks, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = workdir / "settings"
    target = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(NOTIFICATION_SETTINGS))
    env = dict(os.environ,
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
               IPYTHONDIR=str(workdir / "ipython"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    token, port = secrets.token_hex(24), free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [str(jupyter), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.expose_app_in_browser=True"]
    log = workdir / "server.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, env=env, cwd=root, stdout=fh, stderr=subprocess.STDOUT)
    server = LabServer(f"http://127.0.0.1:{port}", token, root, proc, log, workdir)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            text = log.read_text(errors="replace")[-2000:]
            server.stop()
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}:\n{text}")
        try:
            server.api("status")
            return server
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.25)
    text = log.read_text(errors="replace")[-2000:]
    server.stop()
    raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n{text}")


def launch_chromium(playwright, user_data_dir: Path):
    """A headless Chromium browser context with a fresh profile in ``user_data_dir``."""
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 1600})


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: real-browser test (JupyterLab + headless Chromium); "
                   "deselect with -m 'not browser'")


@pytest.fixture(scope="session")
def lab_server():
    server = start_lab()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """A Playwright browser context (headless Debian Chromium), or skip with how to enable it."""
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        _skip_or_fail(SKIP_MSG)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail(SKIP_MSG + " (and the Python package playwright from requirements.txt)")
    pw = sync_playwright().start()
    try:
        context = launch_chromium(pw, tmp_path_factory.mktemp("chromium-profile"))
    except Exception as exc:  # noqa: BLE001 - any launch failure means: cannot run here
        pw.stop()
        _skip_or_fail(f"{SKIP_MSG} (launch failed: {str(exc).splitlines()[0]})")
    try:
        yield context
    finally:
        context.close()
        pw.stop()


def notebooks_digest(folder: Path = REPO / "notebooks") -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (checkpoints aside), by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not {".ipynb_checkpoints", "__pycache__"} & set(p.parts)}


@pytest.fixture(scope="session", autouse=True)
def notebooks_unchanged():
    """Fail the session if any test (or nbval run) rewrote a file in notebooks/."""
    before = notebooks_digest()
    yield
    after = notebooks_digest()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, (f"the test session changed notebooks/ (the analyst's source): {changed}; "
                         "tests must work on copies (or was a notebook saved while they ran?)")
