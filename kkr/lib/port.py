"""`python -m kkr.lib.port 8000`: stop `make run` early, before it migrates, when the port is taken."""

import socket
import sys


def is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        # As the dev server binds: a port left in TIME_WAIT by an earlier run counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    port = int(argv[1])
    if is_free(port):
        return 0
    print(
        f"Port {port} er optaget af et andet program. Vælg en anden port, fx: PORT={port + 1} make run",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
