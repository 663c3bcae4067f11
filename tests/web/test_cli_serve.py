"""`dateline serve` in a real process: it listens on loopback, answers, and stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from dateline.store import open_store
from store.sample_docs import port_doc, summit_doc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_cli_serve_answers_on_loopback_and_stops_on_interrupt(tmp_path, workers):
    db = tmp_path / "served.db"
    with open_store(str(db)) as store:
        store.save(port_doc())
        store.save(summit_doc())
    port = free_port()
    env = {**os.environ, "DATELINE_API_TOKEN": ""}
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(db),
                               "--port", str(port), "--workers", str(workers)],
                              stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "dateline serve did not answer"
                time.sleep(0.2)
        assert response.json()["counts"]["articles"] == 2
        assert "content-security-policy" in response.headers
        assert "server" not in response.headers
        page = httpx.get(f"http://127.0.0.1:{port}/events", timeout=5)
        assert page.status_code == 200 and "Khorramshahr" in page.text
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C sends; uvicorn stops its workers too
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    log = server.stderr.read()
    assert f"serving sqlite:///{db} on http://127.0.0.1:{port}/" in log
    assert "writes are off" in log
    assert "Traceback" not in log


def test_cli_serve_reports_a_bad_store_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dateline", "serve", "--db",
                             str(tmp_path / "missing" / "x.db"), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("dateline: error: Cannot create the store")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_serve_help_ends_with_an_example():
    result = subprocess.run([sys.executable, "-m", "dateline", "serve", "--help"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "Example: dateline serve --db demo.db --port 8000" in result.stdout
    for option in ("--db", "--host", "--port", "--workers", "--cache-seconds"):
        assert option in result.stdout
