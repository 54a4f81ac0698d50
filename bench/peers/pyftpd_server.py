"""pyftpdlib peer for `npm run bench:peers`: one user (DummyAuthorizer), optional explicit FTPS.

Usage: python3 pyftpd_server.py PORT PASV_MIN PASV_MAX MAX_CONS HOME USER PASSWORD CERT KEY LOG_FILE
"""
import logging
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer


def main() -> None:
    port, pasv_min, pasv_max, max_cons = (int(v) for v in sys.argv[1:5])
    home, user, password, cert, key, log_file = sys.argv[5:11]
    logging.basicConfig(filename=log_file, level=logging.INFO)
    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, home, perm="elradfmwMT")

    class DataHandler(TLS_DTPHandler):
        # Interop fix, not a speed-up: pyftpdlib 1.5.7 closes a data connection that is readable
        # before the transfer command, so curl (which does the data TLS handshake first) is reset
        # (giampaolo/pyftpdlib#604). Keep reading while the handshake is pending.
        def readable(self):
            if getattr(self, "_ssl_accepting", False):
                return True
            return super().readable()

    class Handler(TLS_FTPHandler):
        dtp_handler = DataHandler

    Handler.authorizer = authorizer
    Handler.certfile = cert
    Handler.keyfile = key
    Handler.tls_control_required = False
    Handler.tls_data_required = False
    Handler.passive_ports = range(pasv_min, pasv_max + 1)
    server = FTPServer(("127.0.0.1", port), Handler)
    server.max_cons = max_cons
    server.max_cons_per_ip = max_cons
    server.serve_forever(handle_exit=True)


if __name__ == "__main__":
    main()
