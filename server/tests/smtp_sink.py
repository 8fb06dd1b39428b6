"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1:PORT. Each message it
accepts is appended to OUT as one JSON line: the envelope's sender and recipients, and the
message's decoded subject and plain-text body. Prints "ready" once it listens."""

import email
import json
import sys
import threading
from email import policy

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        line = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "body": message.get_body(("plain",)).get_content(),
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        return "250 OK"


port, out = int(sys.argv[1]), sys.argv[2]
controller = Controller(Sink(out), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
threading.Event().wait()
