"""The production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def production_env(tmp_path) -> dict:
    """The environment a production process gets: the required variables set."""
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never does.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789-abcdefghij",
        "ALLOWED_HOSTS": "elearning.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6399/0",
        "PAGE_CACHE_URL": "redis://127.0.0.1:6398/0",
        "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
        "WAGTAILADMIN_BASE_URL": "https://elearning.example.org",
    }


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_object_storage_is_chosen_by_the_environment(tmp_path):
    """With the bucket variables set, public media and private files go to object storage, the
    pages' policy lets browsers show media from it, and the deployment checklist still passes.
    (The files themselves: tests/elearning/test_object_storage.py.)"""
    env = {
        **production_env(tmp_path),
        "AWS_STORAGE_BUCKET_NAME": "cams-media",
        "AWS_PRIVATE_BUCKET_NAME": "cams-private",
        "AWS_S3_CUSTOM_DOMAIN": "media.elearning.example.org",
        "AWS_PRIVATE_URL_EXPIRE": "120",
    }
    script = (
        "from django.conf import settings; from django.core.files.storage import storages;"
        "print(type(storages['default']).__name__, type(storages['private']).__name__,"
        " storages['private'].querystring_expire, storages['default'].url('x/a.webm'),"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src'], settings.WAGTAILDOCS_SERVE_METHOD)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip().splitlines()[-1]
    assert printed.split(" ", 4)[:4] == [
        "PublicMediaStorage",
        "S3Storage",
        "120",
        "https://media.elearning.example.org/x/a.webm",
    ]
    assert "'https://media.elearning.example.org']" in printed and printed.endswith("serve_view")
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"AWS_STORAGE_BUCKET_NAME": "cams-media"}, "AWS_PRIVATE_BUCKET_NAME must name a bucket of its own"),
        ({"AWS_STORAGE_BUCKET_NAME": "cams", "AWS_PRIVATE_BUCKET_NAME": "cams"}, "a bucket of its own"),
        ({"AWS_PRIVATE_BUCKET_NAME": "cams-private"}, "set AWS_STORAGE_BUCKET_NAME too"),
    ],
    ids=["no-private-bucket", "one-bucket-for-both", "only-the-private-bucket"],
)
def test_half_set_object_storage_stops_the_start_with_the_reason(tmp_path, variables, message):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env={**production_env(tmp_path), **variables}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0 and message in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="elearning.settings.production", ALLOWED_HOSTS="x.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_the_site_and_in_the_admin(client, home_page, admin_user):
    """The site's pages get the strict policy (nothing inline), the admin Wagtail's needs, and
    both a Permissions-Policy."""
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' https://www.youtube.com" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert 'fullscreen=(self "https://www.youtube-nocookie.com"' in response["Permissions-Policy"]
    client.force_login(admin_user)
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin and "unsafe-eval" not in admin
    assert "object-src 'none'" in admin


def test_a_hanging_mail_server_times_out_before_the_certificate_task_does(tmp_path):
    """Production's SMTP timeout is shorter than the certificate task's soft time limit, so a
    frozen mail server is a passing, retried error, not a task killed half-way."""
    from certificates.tasks import certificate_issue

    env = production_env(tmp_path)
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_TIMEOUT)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert 0 < int(result.stdout) < certificate_issue.soft_time_limit
