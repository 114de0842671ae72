"""``python -m apig_emulator``: start the server, print one JSON line, stop cleanly on SIGTERM/SIGINT."""
import json
import logging
import os
import signal
import sys
import threading

from queue import SimpleQueue

from werkzeug.serving import ThreadedWSGIServer

from . import families
from .app import AccessLog, create_app
from .config import parse_args
from .storage import Store


class Server(ThreadedWSGIServer):
    """werkzeug's threaded server, its connection threads kept for the next connections: starting a
    thread per connection added 0.1-0.2 ms to every request. Like werkzeug's, it serves every
    connection at once: a new thread starts whenever none is waiting for work."""

    max_idle = 32  # threads kept waiting; more than this end when their connection does

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._connections = SimpleQueue()
        self._idle = 0  # threads that will take a connection from the queue without one being started
        self._idle_lock = threading.Lock()

    def process_request(self, request, client_address):
        with self._idle_lock:
            start = self._idle == 0
            if not start:
                self._idle -= 1
        if start:
            threading.Thread(target=self._serve_connections, daemon=True).start()
        self._connections.put((request, client_address))

    def _serve_connections(self):
        while True:
            self.process_request_thread(*self._connections.get())  # handles errors, closes the socket
            with self._idle_lock:
                if self._idle >= self.max_idle:
                    return
                self._idle += 1


def main(argv=None):
    settings = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # werkzeug raises its own logger to INFO (one line per request) unless told otherwise.
    logging.getLogger("werkzeug").setLevel(settings.log_level)
    store = Store(settings.db)
    families.seed(store, settings)
    access_log = AccessLog(settings.access_log)
    ssl_context = (settings.tls_cert, settings.tls_key) if settings.tls_cert else None
    server = Server(settings.host, settings.port, create_app(settings, store, access_log), ssl_context=ssl_context)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, name="apig-emulator", daemon=True)
    serving.start()

    host, port = server.server_address[:2]
    print(json.dumps({
        "endpoint": "%s://%s:%d" % ("https" if ssl_context else "http", host, port),
        "project_id": settings.project_id,
        "instance_id": settings.instance_id,
        "access_key": settings.access_key,
        "secret_key": settings.secret_key,
        "auth_token": settings.auth_token,
        "db": os.path.abspath(settings.db),
        "access_log": os.path.abspath(settings.access_log) if settings.access_log else None,
        "extra_projects": [{"project_id": p, "instance_id": i} for p, i in settings.extra_projects.items()],
        "accounts": [{"name": a.name, "projects": [{"project_id": p, "instance_id": i} for p, i in a.projects.items()]}
                     for a in settings.accounts()[1:]],
        "faults": {"rate": settings.faults.rate, "kinds": list(settings.faults.kinds)} if settings.faults else None,
    }), flush=True)

    stop.wait()
    logging.getLogger(__name__).warning("stopping")
    server.shutdown()
    server.server_close()
    store.close()
    access_log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
