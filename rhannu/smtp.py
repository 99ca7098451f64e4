"""Sending a message through an SMTP server: for `rhannu newsletter send`, which sends editors
test copies of an edition. The mailing service sends the newsletter itself."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

TIMEOUT_SECONDS = 30


class SendError(Exception):
    """The message could not be sent: one line, naming the server."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    starttls: bool
    user: str | None
    password: str | None = field(default=None, repr=False)  # from the environment only

    @property
    def name(self) -> str:
        return f"{self.host}:{self.port}"


def send(message: EmailMessage, server: Server, sender: str, recipients: Sequence[str]) -> None:
    """Send `message` (changed in place) from `sender` to `recipients`, who become its To: line."""
    if server.user and not server.password:
        raise SendError(f"{server.name}: a user is given ({server.user}) but no password: set RHANNU_SMTP_PASSWORD")
    for name, value in (("X-Unsent", None), ("From", sender), ("To", ", ".join(recipients))):
        del message[name]  # sent, not a draft; from the sender, to the recipients
        if value is not None:
            message[name] = value
    try:
        with smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS) as connection:
            if server.starttls:
                connection.starttls(context=ssl.create_default_context())
            if server.user:
                connection.login(server.user, server.password or "")
            connection.send_message(message, from_addr=sender, to_addrs=list(recipients))
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(f"{server.name}: the server refused the login for {server.user}: {_reason(error)}") from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"{server.name}: the server does not support {_reason(error)}") from None
    except smtplib.SMTPException as error:
        raise SendError(f"{server.name}: the server refused the message: {_reason(error)}") from None
    except OSError as error:  # no such host, connection refused, timeout, TLS failure
        raise SendError(f"{server.name}: could not connect: {error.strerror or error}") from None


def _reason(error: smtplib.SMTPException) -> str:
    detail = getattr(error, "smtp_error", None)
    if isinstance(detail, bytes):
        return detail.decode("utf-8", "replace")
    return str(error) or error.__class__.__name__
