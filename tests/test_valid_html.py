"""The Nu HTML Checker (vnu-jar from the npm registry, run with Debian's Java) finds no error in
the pages a learner meets, logged in or not, in Polish and in English."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import learner_pages

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(documents: dict[str, str], tmp_path) -> dict[str, list[str]]:
    """Run the checker once over every document; {url: [error messages]}."""
    assert VNU.exists(), "Run `make install-dev` (npm ci) to get the Nu HTML Checker"
    java = shutil.which("java")
    assert java, "Run `make system-deps` to install Debian's Java"
    files = {}
    for n, (url, html) in enumerate(documents.items()):
        path = tmp_path / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = url
    command = [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    errors = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        path = message.get("url", "").removeprefix("file:")
        text = f"{message.get('lastLine')}: {message['message']}"
        errors.setdefault(files.get(path, path), []).append(text)
    return errors


def test_learner_pages_are_valid_html(client, learner_site, tmp_path):
    documents = {}
    for url in [reverse("account_login"), reverse("account_signup"), reverse("account_reset_password")]:
        documents[url] = client.get(url).content.decode()
    client.force_login(learner_site["learner"])
    for url in learner_pages(learner_site):
        for prefix in ("", "/en"):
            response = client.get(prefix + url)
            assert response.status_code == 200, (prefix + url, response.status_code)
            documents[prefix + url] = response.content.decode()
    assert check(documents, tmp_path) == {}


def test_the_checker_finds_errors(tmp_path):
    """The checker is really run: a stray end tag is reported."""
    errors = check({"/zle/": '<!DOCTYPE html><html lang="pl"><title>x</title><p><form></form></p>'}, tmp_path)
    assert list(errors) == ["/zle/"] and "“p” end tag" in errors["/zle/"][0]
