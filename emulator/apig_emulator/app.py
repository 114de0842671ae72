"""The Flask application: authentication, project scoping, request ids, access log, JSON errors."""
import json
import logging
import threading
import time
import uuid

from flask import Flask, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from . import faults, families
from .auth import authenticate
from .errors import ApiError

log = logging.getLogger(__name__)
# Larger bodies are refused with 413 before anything reads them (the reference's largest bodies,
# OpenAPI imports, stay far below this).
MAX_BODY = 4 * 1024 * 1024


class AccessLog:
    """One JSON line per request, appended and flushed. Never headers or bodies."""

    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8") if path else None
        self._lock = threading.Lock()

    def write(self, status, fault=None):
        if self._file is None:
            return
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "method": request.method,
            "path": request.path,
            "query": request.query_string.decode("latin-1"),
            "status": status,
        }
        if fault:
            entry["fault"] = fault
        line = json.dumps(entry)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self):
        if self._file is not None:
            self._file.close()


def _error_response(exc):
    return exc.body(), exc.status


def create_app(settings, store, access_log):
    app = Flask("apig_emulator")
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config["APIG_SETTINGS"] = settings
    app.config["APIG_STORE"] = store
    app.register_blueprint(families.blueprint())

    @app.before_request
    def check_caller():
        g.request_id = uuid.uuid4().hex
        account, allowed = authenticate(request, settings)
        project_id = (request.view_args or {}).get("project_id")
        header_project = request.headers.get("X-Project-Id")
        # Another account's project (or one that does not exist) is refused the same way: nothing
        # tells a caller whether a project it may not use exists.
        if project_id is not None and (project_id not in allowed or header_project not in (None, project_id)):
            log.info("account %s refused project %s", account.name, project_id)
            raise ApiError("APIC.7130", "No permissions to access gateways in other projects")
        if settings.faults is not None:
            faults.before(settings.faults)

    @app.after_request
    def finish(response):
        if settings.faults is not None:
            response = faults.after(response)
        response.headers["X-Request-Id"] = g.get("request_id") or uuid.uuid4().hex
        if g.get("fault") == "429":
            response.headers["Retry-After"] = str(settings.faults.retry_after)
        access_log.write(response.status_code, g.get("fault"))
        return response

    app.register_error_handler(ApiError, _error_response)

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if isinstance(exc, NotFound):
            err = ApiError("APIG.0101", "The API does not exist or has not been published in the environment")
        elif isinstance(exc, MethodNotAllowed):
            err = ApiError("APIG.2000", "Parameter error: method %s is not allowed here" % request.method,
                           status=405)
        else:
            err = ApiError("APIG.2000", "Parameter error: " + exc.description, status=exc.code)
        return _error_response(err)

    @app.errorhandler(Exception)
    def unexpected(exc):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return _error_response(ApiError("APIG.9999", "System error"))

    return app
