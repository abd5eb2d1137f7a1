"""A minimal SMTP server on 127.0.0.1 that keeps what it is sent: the bytes a real mail server would
receive, for tests of what goes on the wire."""

import socketserver
import threading


class SMTPSink:
    """`with SMTPSink() as sink:` serves on sink.port; sink.messages holds each message's bytes."""

    def __init__(self):
        self.messages = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink\r\n")
                while line := self.rfile.readline():
                    command = line[:4].upper()
                    if command == b"DATA":
                        self.wfile.write(b"354 end with .\r\n")
                        data = b"".join(iter(self.rfile.readline, b".\r\n"))
                        sink.messages.append(data.replace(b"\r\n..", b"\r\n."))
                        self.wfile.write(b"250 kept\r\n")
                    elif command == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # EHLO, MAIL, RCPT, RSET, NOOP
                        self.wfile.write(b"250 sink\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def mailers(self):
        """settings.MAILERS that send to this server."""
        options = {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 5}
        return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}
