"""The no-network guard of tests/safety_plugin.py (hazard HAZ-026, data leaving the
workstation): it is installed for the whole suite, blocks IPv4/IPv6 connect, connect_ex,
bind and sendto, allows Unix sockets, and fails the test that tried even when the code
under test swallowed the error. The app itself ships no QtNetwork."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import safety_plugin
from safety_plugin import NetworkBlocked

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def plugin_active(request):
    if not request.config.pluginmanager.has_plugin("safety_plugin"):
        pytest.fail("tests/safety_plugin.py is not registered: add "
                    'pytest_plugins = ["safety_plugin"] to tests/conftest.py')


def test_guard_is_installed_for_the_suite():
    for name in ("connect", "connect_ex", "bind", "sendto"):
        assert hasattr(getattr(socket.socket, name), "__wrapped__"), name


@pytest.mark.parametrize("family, address", [(socket.AF_INET, ("127.0.0.1", 9)),
                                             (socket.AF_INET6, ("::1", 9))])
@pytest.mark.parametrize("method", ["connect", "connect_ex", "bind"])
def test_inet_sockets_are_blocked_and_reported(request, family, address, method):
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError:
        pytest.skip("this address family is not available here")
    with sock, pytest.raises(NetworkBlocked, match="socket guard"):
        getattr(sock, method)(address)
    found = safety_plugin.consume_violations(request.node.nodeid)
    assert len(found) == 1 and method in found[0]


def test_udp_sendto_is_blocked(request):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock, pytest.raises(NetworkBlocked):
        sock.sendto(b"x", ("192.0.2.1", 9))
    assert safety_plugin.consume_violations(request.node.nodeid)


def test_unix_sockets_are_allowed(tmp_path):
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    path = str(tmp_path / "s.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)


def test_a_test_that_swallows_the_error_still_fails(tmp_path):
    (tmp_path / "test_sneaky.py").write_text(textwrap.dedent("""
        import socket

        def test_phones_home_quietly():
            try:
                socket.create_connection(("127.0.0.1", 9), timeout=0.1)
            except OSError:
                pass          # the app would carry on; the guard must still fail the test

        def test_offline_is_fine():
            assert socket.socketpair()
    """))
    env = {**os.environ, "PYTHONPATH": str(TESTS) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "MSCC_TRACE_OUT": str(tmp_path / "trace.json")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "safety_plugin",
                          "-p", "no:cacheprovider", "-o", "addopts=", str(tmp_path)],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed, 1 passed" in run.stdout
    assert "test_phones_home_quietly" in run.stdout and "socket guard" in run.stdout


def test_the_app_does_not_load_qtnetwork():
    code = ("import sys; import desktop.app, desktop.ui.main_window; "
            "bad = [m for m in sys.modules if 'QtNetwork' in m or m.startswith(('requests', "
            "'urllib3', 'http.client'))]; print(bad); sys.exit(1 if bad else 0)")
    pytest.importorskip("PySide6")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
