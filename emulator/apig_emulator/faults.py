"""Fault injection, off by default: what a flaky network and a struggling gateway do to callers.

With ``--fault-rate R`` each authenticated request meets, with probability R, one fault drawn from
the ``--faults`` kinds that apply to it:

``latency``      a random delay (up to ``--fault-latency`` seconds), then the normal answer
``429``          429 ``APIG.9008`` with ``Retry-After``; nothing done
``5xx``          503 ``APIG.9999``; nothing done
``drop``         the connection is closed without an answer; nothing done
``commit-5xx``   (writes) the change is committed, then the answer is 500 ``APIG.9999``
``commit-drop``  (writes) the change is committed, then the connection is closed without an answer
``batch``        (batch publish) some APIs of the batch are left undone and reported as failures
                 (``APIG.3500``) inside the 200, the way the gateway reports a route that did not sync

Every injected fault is counted in the access log line of its request (``"fault": <kind>``).
"""
import json
import random
import socket
import threading
import time
from dataclasses import dataclass, field

from flask import current_app, g, request

from .errors import ApiError
from .storage import Scope

KINDS = ("latency", "429", "5xx", "drop", "commit-5xx", "commit-drop", "batch")
WRITE_METHODS = frozenset(("POST", "PUT", "DELETE"))
BEFORE = frozenset(("latency", "429", "5xx", "drop"))
# Batch calls whose items can fail one by one: (method, path suffix, list key in the body).
BATCHES = (("POST", "/apis/publish", "apis"),)
BATCH_ITEM_CODE = ("APIG.3500", "Failed to synchronize data to etcd.")


@dataclass
class FaultPlan:
    rate: float
    kinds: tuple
    latency: float = 0.2
    retry_after: int = 1
    seed: int = None
    _random: random.Random = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self):
        self._random = random.Random(self.seed)

    def draw(self, kinds):
        """One of ``kinds`` with probability ``rate``, else None (thread-safe, reproducible with a seed)."""
        with self._lock:
            if not kinds or self._random.random() >= self.rate:
                return None
            return self._random.choice(sorted(kinds))

    def uniform(self, high):
        with self._lock:
            return self._random.uniform(0, high)

    def subset(self, items):
        """Each item of ``items`` with probability ``rate``."""
        with self._lock:
            return [i for i in items if self._random.random() < self.rate]


def add_arguments(parser, env):
    parser.add_argument("--fault-rate", type=float, default=float(env("APIG_EMULATOR_FAULT_RATE", "0")),
                        help="probability (0..1) that a request meets an injected fault; 0 disables faults")
    parser.add_argument("--faults", default=env("APIG_EMULATOR_FAULTS", ",".join(KINDS)),
                        help="comma-separated fault kinds: " + ", ".join(KINDS))
    parser.add_argument("--fault-latency", type=float, default=float(env("APIG_EMULATOR_FAULT_LATENCY", "0.2")),
                        help="longest injected delay in seconds")
    parser.add_argument("--fault-retry-after", type=int,
                        default=int(env("APIG_EMULATOR_FAULT_RETRY_AFTER", "1")),
                        help="Retry-After seconds of an injected 429")
    parser.add_argument("--fault-seed", type=int, default=env("APIG_EMULATOR_FAULT_SEED"),
                        help="seed of the fault draws, for reproducible runs")


def plan(parser, args):
    """The FaultPlan of the parsed ``args``, or None when faults are off."""
    kinds = tuple(k.strip() for k in args.faults.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error("--faults: unknown kind(s) %s; known: %s" % (", ".join(unknown), ", ".join(KINDS)))
    if not 0 <= args.fault_rate <= 1:
        parser.error("--fault-rate must be between 0 and 1")
    if args.fault_rate == 0:
        return None
    seed = None if args.fault_seed is None else int(args.fault_seed)
    return FaultPlan(args.fault_rate, kinds, max(args.fault_latency, 0), max(args.fault_retry_after, 0), seed)


def _batch():
    """The list key of the batch call this request is, or None."""
    for method, suffix, key in BATCHES:
        if request.method == method and request.path.rstrip("/").endswith(suffix):
            return key
    return None


def _drop_connection():
    """Close the client's socket; the server then finds nothing to answer on."""
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def before(plan_):
    """Run once the caller is authenticated: inject a fault that happens before any work."""
    applicable = set(plan_.kinds) & BEFORE
    if request.method in WRITE_METHODS:
        applicable |= set(plan_.kinds) & {"commit-5xx", "commit-drop"}
    if "batch" in plan_.kinds and _batch():
        applicable.add("batch")
    kind = plan_.draw(applicable)
    if kind is None:
        return
    g.fault = kind
    if kind == "latency":
        time.sleep(plan_.uniform(plan_.latency))
    elif kind == "429":
        raise ApiError("APIG.9008", "Too many requests. Try again later.", status=429)
    elif kind == "5xx":
        raise ApiError("APIG.9999", "System error. Contact technical support.", status=503)
    elif kind == "drop":
        _drop_connection()
        raise ApiError("APIG.9999", "connection dropped", status=503)
    elif kind == "batch":
        _hold_back_batch_items(plan_)


def _hold_back_batch_items(plan_):
    """Take some items out of the batch body before the handler reads it; ``after`` reports them."""
    key = _batch()
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, RecursionError):
        body = None
    items = body.get(key) if isinstance(body, dict) else None
    held = plan_.subset(items) if isinstance(items, list) and len(items) > 1 else []
    if not held or len(held) == len(items):
        held = items[:1] if isinstance(items, list) and len(items) > 1 else []
    if not held:
        g.fault = None
        return
    body[key] = [i for i in items if i not in held]
    # The signature was checked on the original body; the handler reads the cached data.
    request._cached_data = json.dumps(body).encode()  # pylint: disable=protected-access
    g.held_items = held


def _api_names(api_ids):
    """API id -> name, as a failure item of the real gateway names its API."""
    args = request.view_args or {}
    with current_app.config["APIG_STORE"].transaction(Scope(args.get("project_id"), args.get("instance_id")),
                                                       write=False) as tx:
        apis = [tx.get("api", i) if isinstance(i, str) else None for i in api_ids]
    return dict((api["id"], api.get("name", "")) for api in apis if api)


def after(response):
    """Run on the answer: report held batch items, or fail a committed write."""
    kind = g.get("fault")
    if kind == "batch" and response.status_code == 200 and response.is_json:
        answer = response.get_json()
        code, msg = BATCH_ITEM_CODE
        names = _api_names(g.held_items)
        answer.setdefault("failure", []).extend(
            {"api_id": i, "api_name": names.get(i, ""), "error_code": code, "error_msg": msg} for i in g.held_items)
        response.set_data(json.dumps(answer))
    elif kind in ("commit-5xx", "commit-drop"):
        if response.status_code >= 300:
            g.fault = None  # nothing was committed: no fault to speak of
            return response
        if kind == "commit-drop":
            _drop_connection()
        error = ApiError("APIG.9999", "System error. Contact technical support.", status=500)
        response.set_data(json.dumps(error.body()))
        response.status_code = 500
        response.mimetype = "application/json"
    return response
