"""Email editions as message files (.eml) beside each edition, and `rhannu newsletter send`, which
sends test copies through a real SMTP server (aiosmtpd, started on 127.0.0.1 by the test)."""

from __future__ import annotations

import email
import socket
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from rhannu.cli import main
from rhannu.message import BOUNDARY
from tests.support.sample_site import ISSUES
from tests.support.sites import PINNED_EPOCH, build, copy_fixture

UNSENDABLE = {  # what a message file with no unsubscribe address says of itself
    "en": "This message cannot be sent to the newsletter's subscribers as it is",
    "cy": "Ni ellir anfon y neges hon at danysgrifwyr y cylchlythyr fel y mae",
}
SUBJECT_CY = "Gair enghreifftiol gan y golygydd: croeso i'r\u2026 + 6 arall \u2013 Safle enghreifftiol Rhannu"
SUBJECT_EN = "Sample editorial: welcome to the sample\u2026 + 6 more \u2013 Rhannu sample site"
EDITIONS = {"email.eml": ("cy, en-GB", f"{SUBJECT_CY} / {SUBJECT_EN}"),
            "email.cy.eml": ("cy", SUBJECT_CY),
            "email.en.eml": ("en-GB", SUBJECT_EN)}


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.mark.parametrize("name", list(EDITIONS))
def test_each_edition_has_a_message_file_with_text_and_html_in_utf8(site: Path, name: str) -> None:
    languages, subject = EDITIONS[name]
    data = (site / "newsletters/2022-03-14" / name).read_bytes()
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1]), "CRLF line ends, as mail expects"
    message = parse(data)
    assert message["Subject"] == subject and message["Content-Language"] == languages
    assert message["X-Unsent"] == "1", "Outlook opens it as a draft to send"
    assert message["Date"] is None and message["Message-ID"] is None, "the mail client adds them: the bytes reproduce"
    assert message["List-Unsubscribe"] is None, "no real unsubscribe address is set"
    assert message.get_content_type() == "multipart/alternative" and message.get_boundary() == BOUNDARY
    text, html = message.iter_parts()
    assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert {part.get_content_charset() for part in (text, html)} == {"utf-8"}
    web = (site / "newsletters/2022-03-14" / name.replace(".eml", ".html")).read_text(encoding="utf-8")
    sent = html.get_content().replace("\r\n", "\n").rstrip()
    # the published web copy but for its footer: a message file never calls itself the web copy
    assert sent.split('<td class="footer"')[0] == web.split('<td class="footer"')[0], "no merge tag"
    for part in (sent, text.get_content()):
        assert "web copy" not in part and "copi ar y we" not in part
        if "en" in name or name == "email.eml":
            assert UNSENDABLE["en"] in part.replace("\r\n", " ").replace("\n", " ").replace("&#x27;", "'")
        if "cy" in name or name == "email.eml":
            assert UNSENDABLE["cy"] in part.replace("\r\n", " ").replace("\n", " ").replace("&#x27;", "'")
    assert "https://sample.rhannu.example.org/subscribe/#unsubscribing" in sent or name == "email.cy.eml"
    assert "*|UNSUB|*" not in text.get_content()
    if languages.startswith("cy"):
        assert "Cylchlythyr: 14 Mawrth 2022" in text.get_content()


def test_every_issue_has_its_three_message_files(site: Path) -> None:
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*.eml")) == sorted(
        f"newsletters/{day}/{name}" for day in ISSUES for name in EDITIONS
    )


def test_a_real_unsubscribe_address_gives_list_unsubscribe(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    settings = project / "data/newsletter.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("  list_unsubscribe:\n", "  list_unsubscribe: https://lists.example.org/unsubscribe\n"),
        encoding="utf-8",
    )
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    message = parse((built.site / "newsletters/2022-03-14/email.en.eml").read_bytes())
    assert message["List-Unsubscribe"] == "<https://lists.example.org/unsubscribe>"
    assert 'href="https://lists.example.org/unsubscribe"' in message.get_body(("html",)).get_content()
    for part in (message.get_body(("html",)).get_content(), message.get_body(("plain",)).get_content()):
        assert "cannot be sent" not in part and "web copy" not in part
        assert "https://lists.example.org/unsubscribe" in part


def test_an_unsubscribe_address_that_is_not_https_or_mailto_is_refused(tmp_path: Path, capsys) -> None:
    project = copy_fixture(tmp_path / "project")
    settings = project / "data/newsletter.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("  list_unsubscribe:\n", "  list_unsubscribe: http://lists.example.org/u\n"),
        encoding="utf-8",
    )
    assert main(["--root", str(project), "check"]) == 1
    assert "data/newsletter.yml: field 'email.list_unsubscribe': expected an address that unsubscribes a reader, starting https:// or mailto:" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, controller.hostname, controller.port
    finally:
        controller.stop()


@pytest.fixture
def send_env(monkeypatch, sample_project: Path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    for name in ("RHANNU_SMTP_SERVER", "RHANNU_SMTP_PORT", "RHANNU_SMTP_STARTTLS", "RHANNU_SMTP_USER", "RHANNU_SMTP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return sample_project


def test_send_delivers_a_test_copy_through_a_real_smtp_server(smtp_server, send_env: Path, capsys) -> None:
    inbox, host, port = smtp_server
    args = ["--root", str(send_env), "newsletter", "send", "2022-03-14", "--lang", "cy", "--to", "golygydd@example.org"]
    assert main([*args, "--server", host, "--port", str(port), "--no-starttls"]) == 0
    assert capsys.readouterr().out == f"sent '[TEST] {SUBJECT_CY}' to golygydd@example.org through {host}:{port}\n"
    ((sender, recipients, data),) = inbox.received
    assert (sender, recipients) == ("sample@example.org", ["golygydd@example.org"])
    message = parse(data)
    assert message["Subject"] == f"[TEST] {SUBJECT_CY}" and message["To"] == "golygydd@example.org"
    assert message["X-Unsent"] is None and message["Content-Language"] == "cy"
    text = message.get_body(("plain",)).get_content()
    assert "Cylchlythyr: 14 Mawrth 2022" in text and "Newsletter: 14 March 2022" not in text


def test_send_takes_the_server_from_the_environment(smtp_server, send_env: Path, monkeypatch) -> None:
    inbox, host, port = smtp_server
    monkeypatch.setenv("RHANNU_SMTP_SERVER", host)
    monkeypatch.setenv("RHANNU_SMTP_PORT", str(port))
    monkeypatch.setenv("RHANNU_SMTP_STARTTLS", "no")
    args = ["--root", str(send_env), "newsletter", "send", "2022-03-14", "--to", "a@example.org", "b@example.org"]
    assert main([*args, "--from", "editor@example.org"]) == 0
    ((sender, recipients, data),) = inbox.received
    assert (sender, recipients) == ("editor@example.org", ["a@example.org", "b@example.org"])
    assert parse(data)["Subject"] == f"[TEST] {SUBJECT_CY} / {SUBJECT_EN}"


@pytest.mark.parametrize(
    ("extra", "environment", "code", "message"),
    [
        (["--server", "127.0.0.1", "--port", "{closed}", "--no-starttls"], {}, 1, "127.0.0.1:{closed}: could not connect: "),
        (["--server", "{host}", "--port", "{port}"], {}, 1, "{host}:{port}: the server does not support "),
        (["--server", "{host}", "--port", "{port}", "--no-starttls", "--user", "u"], {"RHANNU_SMTP_PASSWORD": "p"}, 1,
         "{host}:{port}: the server does not support "),
        (["--server", "{host}", "--port", "{port}", "--no-starttls", "--user", "u"], {}, 1,
         "{host}:{port}: a user is given (u) but no password: set RHANNU_SMTP_PASSWORD"),
        ([], {}, 2, "--server: give the SMTP server (or set RHANNU_SMTP_SERVER)"),
    ],
)
def test_send_failures_are_one_line_naming_the_server(
    smtp_server, send_env: Path, monkeypatch, capsys, extra: list[str], environment: dict, code: int, message: str
) -> None:
    inbox, host, port = smtp_server
    values = {"host": host, "port": port, "closed": _free_port()}  # nothing listens there
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    args = [part.format(**values) for part in extra]
    assert main(["--root", str(send_env), "newsletter", "send", "2022-03-14", "--to", "a@example.org", *args]) == code
    error = capsys.readouterr().err
    assert error.startswith(message.format(**values)) and error.count("\n") == 1, error
    assert inbox.received == []


def test_send_is_for_test_copies_not_a_mailing_list(send_env: Path, capsys) -> None:
    to = [f"reader{n}@example.org" for n in range(11)]
    assert main(["--root", str(send_env), "newsletter", "send", "2022-03-14", "--server", "x", "--to", *to]) == 2
    assert "at most 10 addresses" in capsys.readouterr().err


def test_send_with_no_such_issue_or_a_bad_date(send_env: Path, capsys) -> None:
    def send(day: str) -> int:
        return main(["--root", str(send_env), "newsletter", "send", day, "--server", "x", "--to", "a@example.org"])

    assert send("2030-01-01") == 1
    assert "no issue is published on or covers 2030-01-01" in capsys.readouterr().err
    assert send("14/03/2022") == 2
    assert "DATE: expected YYYY-MM-DD; got '14/03/2022'" in capsys.readouterr().err


def test_newsletter_email_says_plainly_when_the_message_files_cannot_be_sent(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    send_env = copy_fixture(tmp_path / "project")
    assert main(["--root", str(send_env), "newsletter", "email", "2022-03-14", "--lang", "en"]) == 0
    said = capsys.readouterr()
    assert "*|UNSUB|*" in said.out, "what is printed is for the mailing service, with its merge tag"
    assert "the message files (email.eml) cannot be sent to subscribers as they are" in " ".join(said.err.split())
    settings = send_env / "data/newsletter.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("  list_unsubscribe:\n", "  list_unsubscribe: mailto:leave@example.org\n"),
        encoding="utf-8",
    )
    assert main(["--root", str(send_env), "newsletter", "email", "2022-03-14", "--lang", "en"]) == 0
    assert capsys.readouterr().err == ""
