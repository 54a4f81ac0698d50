"""Session figure of `npm run bench:peers`: SESSIONS x (connect, login, RETR a small file, QUIT),
CONCURRENCY at a time, with Python's ftplib in a thread pool. Prints one JSON line.

Usage: python3 ftplib_sessions.py HOST PORT USER PASSWORD PATH SESSIONS CONCURRENCY plain|ftps
FTPS is explicit (AUTH TLS, PROT P). Stock ftplib does not resume the control connection's TLS
session on data connections, which servers requiring session reuse (vsftpd, ProFTPD, the product)
refuse; SessionReusingFTP_TLS passes the session, and it is used for every server alike.
"""
import ftplib
import json
import ssl
import sys
import time
from concurrent.futures import ThreadPoolExecutor


class SessionReusingFTP_TLS(ftplib.FTP_TLS):
    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


def main() -> None:
    host, port, user, password, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    sessions, concurrency, mode = int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    def one(_: int) -> int:
        ftp = SessionReusingFTP_TLS(context=context, timeout=60) if mode == "ftps" else ftplib.FTP(timeout=60)
        ftp.connect(host, port)
        ftp.login(user, password)
        if mode == "ftps":
            ftp.prot_p()
        chunks = []
        ftp.retrbinary("RETR " + path, chunks.append)
        ftp.quit()
        return sum(len(c) for c in chunks)

    started = time.perf_counter()
    errors = []
    sizes = []
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(one, i) for i in range(sessions)]
        for future in futures:
            try:
                sizes.append(future.result())
            except Exception as err:  # noqa: BLE001 - every failure is reported, not raised
                errors.append(repr(err))
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "ok": len(sizes), "bytes": sum(sizes), "errors": errors[:3], "errorCount": len(errors)}))


if __name__ == "__main__":
    main()
