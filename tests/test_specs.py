"""Spec strings: sources by scheme, no secret in a spec, where each account's secret is kept."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from degoogle.errors import UserError
from degoogle.locality import is_secure_url, require_secure_url
from degoogle.secrets import account_keyring_name, mail_password, source_password
from degoogle.specs import normalise_source, open_source, source_needs_password
from degoogle.targets.nextcloud.account import NextcloudAccount


@pytest.mark.parametrize("spec", [
    "imap://marie:hunter2@imap.example.org", "imaps://marie:hunter2@imap.example.org:993",
    "caldav:https://marie:hunter2@dav.example.org/",
])
def test_a_password_in_a_source_spec_is_refused_without_echoing_it(spec: str) -> None:
    with pytest.raises(UserError) as caught:
        open_source(spec)
    assert "hunter2" not in caught.value.detail
    assert "password" in caught.value.detail


def test_file_specs_become_absolute_and_unknown_schemes_are_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert normalise_source("ics:agenda.ics") == f"ics:{tmp_path / 'agenda.ics'}"
    assert normalise_source("mbox:a.mbox,b.mbox") == f"mbox:{tmp_path / 'a.mbox'},{tmp_path / 'b.mbox'}"
    with pytest.raises(UserError, match="unknown source 'ftp'"):
        open_source("ftp://example.org")
    assert not source_needs_password("takeout:/x.zip")


@pytest.mark.parametrize(("spec", "name"), [
    ("imaps://marie@imap.example.org:993", "imaps:marie@imap.example.org:993"),
    ("imap://marie@127.0.0.1:1143", "imap:marie@127.0.0.1:1143"),
    ("caldav:https://marie@dav.example.org/remote.php/dav", "caldav:marie@dav.example.org"),
    ("icloud:marie@icloud.com", "icloud:marie@icloud.com"),
])
def test_each_account_has_its_own_keyring_entry(spec: str, name: str) -> None:
    assert account_keyring_name(spec) == name


def test_source_and_mail_secrets_come_from_their_own_variables_or_files(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DEGOOGLE_SOURCE_PASSWORD", "from-env")
    monkeypatch.delenv("DEGOOGLE_MAIL_PASSWORD", raising=False)
    monkeypatch.delenv("DEGOOGLE_TARGET_PASSWORD", raising=False)
    assert source_password("icloud:marie@icloud.com") == "from-env"
    secret = tmp_path / "pw"
    secret.write_text("from-file\n")
    assert mail_password("imaps://marie@mail.example.org", password_file=secret) == "from-file"
    assert source_password("icloud:marie@icloud.com", password_file=secret) == "from-file"


@pytest.mark.parametrize(("url", "secure"), [
    ("https://cloud.example.org/remote.php/dav", True),
    ("http://127.0.0.1:8080/dav", True),
    ("http://127.3.4.5/dav", True),
    ("http://localhost:5232/", True),
    ("http://[::1]:5232/", True),
    ("http://cloud.example.org/", False),
    ("http://192.168.1.10/", False),
    ("http://127.0.0.1.example.org/", False),
    ("ftp://127.0.0.1/", False),
    ("https:///nohost", False),
])
def test_one_rule_for_plain_http_this_computer_only(url: str, secure: bool) -> None:
    assert is_secure_url(url) is secure
    if secure:
        require_secure_url(url)
    else:
        with pytest.raises(UserError) as refused:
            require_secure_url(url)
        assert refused.value.code == "insecure_url"
    # a Nextcloud target follows the same rule
    if url.startswith(("http://", "https://")) and urlsplit(url).hostname:
        target = "nextcloud:" + url.replace("://", "://marie@", 1)
        if secure:
            assert NextcloudAccount.parse(target).user == "marie"
        else:
            with pytest.raises(UserError):
                NextcloudAccount.parse(target)
