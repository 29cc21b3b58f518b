#!/usr/bin/python3
"""A pyftpdlib FTP server for Ferry's tests (started by pyftpdlib.ts).

Binds 127.0.0.1 on --port (default 0: the kernel picks), prints "PORT <n>" on stdout once it listens,
and serves one in-memory user whose home is the given folder. With --certfile/--keyfile it
offers explicit TLS (AUTH TLS) without requiring it.
"""
import argparse
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("--log")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    logging.basicConfig(
        filename=args.log,
        level=logging.DEBUG if args.log else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
    )

    authorizer = DummyAuthorizer()
    # All permissions: list, read, write, append, delete, rename, mkdir, chmod (SITE CHMOD), MFMT.
    authorizer.add_user(args.user, args.password, args.home, perm="elradfmwMT")

    if args.certfile:
        from pyftpdlib.handlers import TLS_FTPHandler

        class Handler(TLS_FTPHandler):
            pass

        Handler.certfile = args.certfile
        Handler.keyfile = args.keyfile
        # TLS is offered, not forced: tests can try both a plain and a TLS session.
        Handler.tls_control_required = False
        Handler.tls_data_required = False
    else:

        class Handler(FTPHandler):
            pass

    Handler.authorizer = authorizer
    # File names travel as UTF-8 (pyftpdlib's default on Python 3; stated so it stays true).
    Handler.encoding = "utf8"
    Handler.banner = "pyftpdlib test server ready."

    server = FTPServer(("127.0.0.1", args.port), Handler)
    port = server.socket.getsockname()[1]
    sys.stdout.write("PORT %d\n" % port)
    sys.stdout.flush()
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
