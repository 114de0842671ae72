"""A small signed HTTP client for the emulator tests, signing with the official SDK's Signer."""
import json
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer


def unique(prefix="n"):
    return "%s_%s" % (prefix, uuid.uuid4().hex[:10])


class Client:
    """Calls ``~`` paths of one project/instance; AK/SK-signed unless ``token`` is given."""

    def __init__(self, emu, project_id=None, instance_id=None, access_key=None, secret_key=None, token=None):
        self.endpoint = emu.endpoint
        self.project_id = project_id or emu.project_id
        self.instance_id = instance_id or emu.instance_id
        self.access_key = access_key or emu.access_key
        self.secret_key = secret_key or emu.secret_key
        self.token = token

    def path(self, suffix=""):
        return "/v2/%s/apigw/instances/%s%s" % (self.project_id, self.instance_id, suffix)

    def signed(self, method, path, query=None, body=None, date=None):
        """Return ``(url, headers, data)`` signed by the SDK.

        ``body`` is sent as is when it is bytes, else as JSON; ``date`` overrides X-Sdk-Date.
        """
        data = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
        headers = {"Content-Type": "application/json", "X-Project-Id": self.project_id}
        if date is not None:
            headers["X-Sdk-Date"] = date.strftime("%Y%m%dT%H%M%SZ")
        req = SdkRequest(method=method, schema="http", host=urlsplit(self.endpoint).netloc, resource_path=path,
                         query_params=sorted((query or {}).items()), header_params=headers, body=data)
        req = Signer(BasicCredentials(self.access_key, self.secret_key, self.project_id)).sign(req)
        return self.endpoint + req.uri, req.header_params, data

    def call(self, method, suffix="", query=None, body=None):
        return self.request(method, self.path(suffix), query, body)

    def request(self, method, path, query=None, body=None):
        if self.token:
            data = json.dumps(body) if body is not None else None
            return requests.request(method, self.endpoint + path, params=query, data=data,
                                    headers={"X-Auth-Token": self.token, "Content-Type": "application/json"})
        url, headers, data = self.signed(method, path, query, body)
        return requests.request(method, url, headers=headers, data=data)

    def get(self, suffix="", **query):
        return self.call("GET", suffix, query=query)

    def post(self, suffix, body):
        return self.call("POST", suffix, body=body)

    def put(self, suffix, body):
        return self.call("PUT", suffix, body=body)

    def delete(self, suffix):
        return self.call("DELETE", suffix)

    def create_group(self, name=None, **extra):
        r = self.post("/api-groups", {"name": name or unique("grp"), **extra})
        assert r.status_code == 201, r.text
        return r.json()

    def create_env(self, name=None):
        r = self.post("/envs", {"name": name or unique("ENV"), "remark": "test"})
        assert r.status_code == 201, r.text
        return r.json()


def minutes_ago(n):
    return datetime.now(timezone.utc) - timedelta(minutes=n)


def error(response, status, code):
    """Assert an APIG error response and return its message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error_code"] == code, body
    assert response.headers.get("X-Request-Id")
    return body["error_msg"]
