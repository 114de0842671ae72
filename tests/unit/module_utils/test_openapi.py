"""OpenAPI comparison (module_utils/openapi.py): which APIs an import would create or change."""
import copy
import os
import subprocess
import sys

import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.openapi import normalize, operations, parse, plan

SWAGGER = {
    "swagger": "2.0", "info": {"title": "t", "version": "1"}, "basePath": "/v1",
    "securityDefinitions": {"iam": {"type": "apiKey", "name": "unused", "in": "header",
                                    "x-apigateway-auth-type": "IAM"}},
    "paths": {
        "/users/{id}": {"get": {
            "operationId": "get_user", "security": [{"iam": []}],
            "parameters": [{"name": "id", "in": "path", "type": "string", "required": True},
                           {"name": "X-Trace", "in": "header", "type": "string"},
                           {"name": "payload", "in": "body", "schema": {}}],
            "responses": {"200": {"description": "the user"}},
            "x-apigateway-backend": {"type": "HTTP", "httpEndpoints": {
                "address": ["10.0.0.5:8080"], "scheme": "HTTP", "method": "GET", "path": "/u/{id}"}}}},
        "/ping": {"x-apigateway-any-method": {"operationId": "ping"}},
    }}

# The same two APIs as the gateway exports them (OpenAPI 3.0, defaults spelled out).
EXPORTED = {
    "openapi": "3.0.1", "info": {"title": "t", "version": "2"}, "servers": [{"url": "https://g.example"}],
    "components": {"securitySchemes": {"apig-auth-iam": {"type": "apiKey", "name": "unused", "in": "header",
                                                         "x-apigateway-auth-type": "IAM"}}},
    "paths": {
        "/v1/users/{id}": {"get": {
            "operationId": "get_user", "servers": [{"url": "https://g.example"}],
            "security": [{"apig-auth-iam": []}],
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
                 "x-apigateway-pass-through": "always"},
                {"name": "x-trace", "in": "header", "required": False, "schema": {"type": "string"}}],
            "responses": {"default": {"description": "default response"}},
            "x-apigateway-request-type": "public", "x-apigateway-match-mode": "NORMAL", "x-apigateway-cors": False,
            "x-apigateway-backend": {"type": "HTTP", "httpEndpoints": {
                "address": "10.0.0.5:8080", "scheme": "http", "method": "GET", "path": "/u/{id}", "timeout": 5000}}}},
        "/v1/ping": {"x-apigateway-any-method": {
            "operationId": "ping", "servers": [{"url": "https://g.example"}],
            "responses": {"default": {"description": "default response"}},
            "x-apigateway-backend": {"type": "MOCK", "mockEndpoints": {"result-content": ""}}}},
    }}


def test_operations_key_by_method_and_full_path():
    assert sorted(operations(SWAGGER)) == ["ANY /v1/ping", "GET /v1/users/{id}"]


def test_a_document_equal_to_the_export_in_stored_form_changes_nothing():
    # Defaults, responses, body parameters, header case and Swagger vs OpenAPI spelling don't count;
    # an operation without a backend keeps the API's.
    assert plan(SWAGGER, EXPORTED) == ([], [])


@pytest.mark.parametrize("change", [
    lambda op: op.update(description="new"),
    lambda op: op.update({"x-apigateway-request-type": "private"}),
    lambda op: op["parameters"][0].update(type="integer"),
    lambda op: op["x-apigateway-backend"]["httpEndpoints"].update(timeout=3000),
    lambda op: op.update(security=[]),
    lambda op: op.update(schemes=["http", "https"]),
], ids=["description", "request type", "parameter type", "backend timeout", "no auth", "both protocols"])
def test_a_difference_the_gateway_stores_is_an_update(change):
    doc = copy.deepcopy(SWAGGER)
    change(doc["paths"]["/users/{id}"]["get"])
    assert plan(doc, EXPORTED) == ([], ["GET /v1/users/{id}"])


def test_an_operation_the_group_lacks_is_a_create():
    doc = copy.deepcopy(SWAGGER)
    doc["paths"]["/orders"] = {"post": {"operationId": "new_order"}}
    assert plan(doc, EXPORTED) == (["POST /v1/orders"], [])
    assert plan(doc, None) == (["ANY /v1/ping", "GET /v1/users/{id}", "POST /v1/orders"], [])


def test_normalize_resolves_the_security_scheme():
    op = SWAGGER["paths"]["/users/{id}"]["get"]
    assert normalize(SWAGGER, op)["auth"] == ["IAM", False]
    assert normalize(SWAGGER, {"operationId": "x"})["auth"] == ["NONE", False]


@pytest.mark.parametrize("text, message", [
    ("a: [b", "neither JSON nor YAML"),
    ("just: text", "not a Swagger 2.0 or OpenAPI 3.0 document"),
    ('{"openapi": "3.0.0", "paths": []}', "not a Swagger 2.0 or OpenAPI 3.0 document"),
])
def test_parse_rejects_what_is_not_a_document(text, message):
    with pytest.raises(ValueError, match=message):
        parse(text, "content")


def test_parse_reads_json_and_yaml():
    assert parse('{"swagger": "2.0", "paths": {}}', "src")["swagger"] == "2.0"
    assert parse("openapi: 3.0.0\npaths: {}\n", "src")["openapi"] == "3.0.0"


def test_a_json_document_is_read_without_loading_pyyaml():
    # PyYAML's import is about 15 ms of a module's start-up: JSON documents (the exports) skip it.
    code = ("import sys\n"
            "from ansible_collections.huaweicloud.apig.plugins.module_utils.openapi import parse\n"
            "assert parse('{\"swagger\": \"2.0\", \"paths\": {}}', 'src')['swagger'] == '2.0'\n"
            "print('yaml' in sys.modules)\n")
    # -S: no site-packages .pth file imports anything; the path is this process's.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
