"""The Flask application: authentication, project scoping, request ids, access log, JSON errors."""
import json
import logging
import threading
import time
import uuid

from flask import Flask, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from . import families
from .auth import authenticate
from .errors import ApiError

log = logging.getLogger(__name__)


class AccessLog:
    """One JSON line per request, appended and flushed. Never headers or bodies."""

    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8") if path else None
        self._lock = threading.Lock()

    def write(self, status):
        if self._file is None:
            return
        line = json.dumps({
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "method": request.method,
            "path": request.path,
            "query": request.query_string.decode("latin-1"),
            "status": status,
        })
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
    app.config["APIG_SETTINGS"] = settings
    app.config["APIG_STORE"] = store
    app.register_blueprint(families.blueprint())

    @app.before_request
    def check_caller():
        g.request_id = uuid.uuid4().hex
        authenticate(request, settings)
        project_id = (request.view_args or {}).get("project_id")
        header_project = request.headers.get("X-Project-Id")
        known = settings.projects()
        if project_id is not None and (project_id not in known or header_project not in (None, project_id)):
            raise ApiError("APIC.7130", "No permissions to access gateways in other projects")

    @app.after_request
    def finish(response):
        response.headers["X-Request-Id"] = g.get("request_id") or uuid.uuid4().hex
        access_log.write(response.status_code)
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
