"""§3.19 statistics, from the calls the emulator has really served.

The emulator's only way to call an API is the debug operation (§3.5): every successful debug
call is recorded (``api_call`` rows: API, group, backend status, latency, bytes each way) and the
two statistics operations sum them per minute.
"""
import re
import time

from flask import g, request

from ..engine import new_id, require_instance, store
from ..errors import ApiError, invalid
from ..storage import Scope

DEBUG_ENDPOINT = "apig.api_debug_api"
MAX_DURATION = 24 * 3600
GROUP_WINDOW = 3600  # §3.19.2: the last hour
_STATUS_LINE = re.compile(r"^HTTP/1\.1 (\d{3}) ")


def _started():
    g.statistics_started = time.time()


def record_call(response):
    """After a successful debug call, store what it did (outside the view's transaction)."""
    if request.endpoint != DEBUG_ENDPOINT or response.status_code != 200:
        return response
    answer = response.get_json(silent=True) or {}
    match = _STATUS_LINE.match(answer.get("response", ""))
    args = request.view_args
    with store().transaction(Scope(args["project_id"], args["instance_id"])) as tx:
        api = tx.get("api", args["api_id"]) or {}
        tx.insert("api_call", {
            "id": new_id(), "api_id": args["api_id"], "group_id": api.get("group_id", ""),
            "time": g.get("statistics_started", time.time()), "status": int(match.group(1)) if match else 502,
            "latency": answer.get("latency", 0), "total": int((time.time() - g.statistics_started) * 1000),
            "input": len(answer.get("request", "").encode()), "output": len(answer.get("response", "").encode())})
    return response


def _minute_text(seconds, with_seconds=False):
    return time.strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M:00", time.gmtime(seconds))


def _per_minute(calls, provider, api_fields):
    """One StatisticsAPI / StatisticsGroup record per minute that had calls, oldest first."""
    minutes = {}
    for call in calls:
        minutes.setdefault(int(call["time"]) // 60 * 60, []).append(call)
    records = []
    for minute, group in sorted(minutes.items()):
        count = len(group)
        by_class = dict((k, sum(1 for c in group if c["status"] // 100 == k)) for k in (2, 4, 5))
        total = [max(c["total"], c["latency"]) for c in group]
        record = {
            "max_latency": max(total), "avg_latency": round(sum(total) / count, 2), "req_count": count,
            "req_count2xx": by_class[2], "req_count4xx": by_class[4], "req_count5xx": by_class[5],
            "req_count_error": by_class[4] + by_class[5],
            "output_throughput": sum(c["output"] for c in group), "input_throughput": sum(c["input"] for c in group),
            "current_minute": minute, "group_id": group[0]["group_id"], "provider": provider,
            "req_time": _minute_text(minute), "register_time": _minute_text(max(c["time"] for c in group), True)}
        if api_fields:
            inner = [t - c["latency"] for t, c in zip(total, group)]
            record.update(
                max_inner_latency=max(inner), avg_inner_latency=round(sum(inner) / count, 2),
                max_backend_latency=max(c["latency"] for c in group),
                avg_backend_latency=round(sum(c["latency"] for c in group) / count, 2),
                cycle="MINUTE", api_id=group[0]["api_id"], status=1)
        records.append(record)
    return records


def _window(seconds):
    end = int(time.time()) // 60 * 60 + 60
    return end - seconds, end


def _report(project_id, instance_id, kind, field, value, seconds, api_fields):
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        require_instance(tx)
        if tx.get(kind, value) is None:
            if kind == "api":
                raise ApiError("APIG.3002", "API %s does not exist" % value)
            raise ApiError("APIG.3001", "API group %s does not exist" % value)
        start, end = _window(seconds)
        calls = [c for c in tx.page("api_call", {field: value}, {}, 0, -1)[1] if start <= c["time"] < end]
    return {"code": "APIG.0000", "msg": "Success", "start_time": start, "end_time": end,
            "list": _per_minute(calls, project_id, api_fields)}


def _duration(text):
    match = re.fullmatch(r"([1-9]\d*)([mh])", text or "")
    seconds = int(match.group(1)) * (60 if match.group(2) == "m" else 3600) if match else 0
    if not 0 < seconds <= MAX_DURATION:
        raise invalid("duration", "APIG.2012")
    return seconds


def api_statistics(project_id, instance_id):
    api_id = request.args.get("api_id")
    if not api_id:
        raise invalid("api_id", "APIG.2012")
    seconds = _duration(request.args.get("duration"))
    return _report(project_id, instance_id, "api", "api_id", api_id, seconds, True)


def group_statistics(project_id, instance_id):
    group_id = request.args.get("group_id")
    if not group_id:
        raise invalid("group_id", "APIG.2012")
    return _report(project_id, instance_id, "group", "group_id", group_id, GROUP_WINDOW, False)


def register(blueprint):
    blueprint.before_request(_started)
    blueprint.after_request(record_call)
    base = "/v2/<project_id>/apigw/instances/<instance_id>/statistics"
    blueprint.add_url_rule(base + "/api/latest", endpoint="statistics_api", view_func=api_statistics,
                           methods=["GET"])
    blueprint.add_url_rule(base + "/group/latest", endpoint="statistics_group", view_func=group_statistics,
                           methods=["GET"])
