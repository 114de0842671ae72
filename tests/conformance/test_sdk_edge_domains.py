"""Custom domains and certificates (reference §3.13) and gateway responses (§3.20) through the SDK."""
import json
import sqlite3

import pem_factory
import pytest
from ansible_runner import module_result
from apig_wire import MISSING_ID, URL_DOMAIN, api_error, check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import AssociateCertificateV2Request, AssociateDomainV2Request, CertForm, \
    CreateGatewayResponseV2Request, DeleteApiGroupV2Request, DeleteGatewayResponseTypeV2Request, \
    DeleteGatewayResponseV2Request, DisassociateCertificateV2Request, DisassociateDomainV2Request, \
    ListGatewayResponsesV2Request, ResponseInfo, ResponseInfoHeader, ResponsesCreate, \
    ShowDetailsOfApiGroupV2Request, ShowDetailsOfDomainNameCertificateV2Request, \
    ShowDetailsOfGatewayResponseTypeV2Request, ShowDetailsOfGatewayResponseV2Request, UpdateDomainV2Request, \
    UpdateGatewayResponseTypeV2Request, UpdateGatewayResponseV2Request, UrlDomainCreate, UrlDomainModify

DOMAIN = {"url_domain": str, "id": str, "status": int, "min_ssl_version": str, "is_http_redirect_to_https": bool,
          "verified_client_certificate_enabled": bool}
DOMAIN_REQUIRED = ("url_domain", "id", "status", "min_ssl_version")
DOMAIN_WITH_CERT = dict(DOMAIN, ssl_name=str, ssl_id=str, instance_id=str, api_group_id=str, api_group_name=str)
CERTIFICATE = {"common_name": str, "san": (str,), "version": int, "organization": (str,),
               "organizational_unit": (str,), "locality": (str,), "state": (str,), "country": (str,),
               "not_before": str, "not_after": str, "serial_number": str, "issuer": (str,),
               "signature_algorithm": str, "id": str, "name": str, "type": str, "instance_id": str,
               "project_id": str, "create_time": "time", "update_time": "time"}
ENTRY = {"status": int, "body": str, "default": bool}
RESPONSE = {"name": str, "id": str, "default": bool, "create_time": "time", "update_time": "time"}
ERROR_TYPES = ("AUTH_FAILURE", "AUTH_HEADER_MISSING", "AUTHORIZER_FAILURE", "AUTHORIZER_CONF_FAILURE",
               "AUTHORIZER_IDENTITY_FAILURE", "BACKEND_UNAVAILABLE", "BACKEND_TIMEOUT", "THROTTLED",
               "UNAUTHORIZED", "ACCESS_DENIED", "NOT_FOUND", "REQUEST_PARAMETERS_FAILURE", "DEFAULT_4XX",
               "DEFAULT_5XX")
DEFAULT_BODY = ('{"error_code":"$context.error.code","error_msg":"$context.error.message",'
                '"request_id":"$context.requestId"}')


def _domain_name(prefix="www"):
    return "%s.%s.example.com" % (prefix, unique("d").replace("_", "-"))


class Edge:
    """The §3.13/§3.20 calls of one test, with the instance filled in."""

    def __init__(self, sdk, instance_id):
        self.sdk, self.instance_id = sdk, instance_id

    def bind(self, group_id, url_domain, **fields):
        return self.sdk.associate_domain_v2(AssociateDomainV2Request(
            instance_id=self.instance_id, group_id=group_id, body=UrlDomainCreate(url_domain=url_domain, **fields)))

    def update(self, group_id, domain_id, **fields):
        return self.sdk.update_domain_v2(UpdateDomainV2Request(
            instance_id=self.instance_id, group_id=group_id, domain_id=domain_id, body=UrlDomainModify(**fields)))

    def unbind(self, group_id, domain_id):
        return self.sdk.disassociate_domain_v2(DisassociateDomainV2Request(
            instance_id=self.instance_id, group_id=group_id, domain_id=domain_id))

    def bind_cert(self, group_id, domain_id, pem, name="cert_demo", private_key=None):
        return self.sdk.associate_certificate_v2(AssociateCertificateV2Request(
            instance_id=self.instance_id, group_id=group_id, domain_id=domain_id,
            body=CertForm(name=name, cert_content=pem.cert_content, private_key=private_key or pem.private_key)))

    def cert_ids(self, group_id, domain_id, certificate_id):
        return dict(instance_id=self.instance_id, group_id=group_id, domain_id=domain_id,
                    certificate_id=certificate_id)

    def show_cert(self, *ids):
        return self.sdk.show_details_of_domain_name_certificate_v2(
            ShowDetailsOfDomainNameCertificateV2Request(**self.cert_ids(*ids)))

    def unbind_cert(self, *ids):
        return self.sdk.disassociate_certificate_v2(DisassociateCertificateV2Request(**self.cert_ids(*ids)))

    def url_domains(self, group_id):
        response = self.sdk.show_details_of_api_group_v2(
            ShowDetailsOfApiGroupV2Request(instance_id=self.instance_id, group_id=group_id))
        return check_response(response, {"url_domains": (URL_DOMAIN,)}, ("url_domains",))["url_domains"]

    # -- gateway responses
    def ids(self, group_id, response_id=None, **more):
        return dict(instance_id=self.instance_id, group_id=group_id, response_id=response_id, **more)

    def create_response(self, group_id, name, responses=None):
        return self.sdk.create_gateway_response_v2(CreateGatewayResponseV2Request(
            instance_id=self.instance_id, group_id=group_id, body=ResponsesCreate(name=name, responses=responses)))

    def list_responses(self, group_id, **paging):
        return self.sdk.list_gateway_responses_v2(ListGatewayResponsesV2Request(
            instance_id=self.instance_id, group_id=group_id, **paging))

    def show_response(self, group_id, response_id):
        return self.sdk.show_details_of_gateway_response_v2(
            ShowDetailsOfGatewayResponseV2Request(**self.ids(group_id, response_id)))

    def update_response(self, group_id, response_id, name, responses=None):
        return self.sdk.update_gateway_response_v2(UpdateGatewayResponseV2Request(
            body=ResponsesCreate(name=name, responses=responses), **self.ids(group_id, response_id)))

    def delete_response(self, group_id, response_id):
        return self.sdk.delete_gateway_response_v2(DeleteGatewayResponseV2Request(**self.ids(group_id, response_id)))

    def show_type(self, group_id, response_id, response_type):
        return self.sdk.show_details_of_gateway_response_type_v2(ShowDetailsOfGatewayResponseTypeV2Request(
            **self.ids(group_id, response_id, response_type=response_type)))

    def update_type(self, group_id, response_id, response_type, **entry):
        return self.sdk.update_gateway_response_type_v2(UpdateGatewayResponseTypeV2Request(
            body=ResponseInfo(**entry), **self.ids(group_id, response_id, response_type=response_type)))

    def delete_type(self, group_id, response_id, response_type):
        return self.sdk.delete_gateway_response_type_v2(DeleteGatewayResponseTypeV2Request(
            **self.ids(group_id, response_id, response_type=response_type)))


@pytest.fixture
def edge(sdk, instance_id):
    return Edge(sdk, instance_id)


@pytest.fixture
def group_id(made):
    return made.group(unique("edge_grp")).id


@pytest.fixture(scope="module")
def site_pem():
    """One certificate for *.site.example.com and site.example.com, shared by the certificate tests."""
    return pem_factory.make("site.example.com", san=("site.example.com", "*.site.example.com"))


# ---------------------------------------------------------------- §3.13 domains

def test_bind_returns_201_and_the_group_lists_the_domain(edge, group_id):
    name = _domain_name()
    response = edge.bind(group_id, name)
    assert response.status_code == 201
    raw = check_response(response, DOMAIN, DOMAIN_REQUIRED)
    assert (raw["url_domain"], raw["min_ssl_version"], raw["status"]) == (name, "TLSv1.1", 3)
    [listed] = edge.url_domains(group_id)
    assert listed == {"id": raw["id"], "domain": name, "cname_status": 3, "ssl_id": "", "ssl_name": "",
                      "min_ssl_version": "TLSv1.1", "verified_client_certificate_enabled": False,
                      "is_has_trusted_root_ca": False}


def test_bind_takes_min_ssl_version(edge, group_id):
    raw = json.loads(edge.bind(group_id, _domain_name(), min_ssl_version="TLSv1.2").raw_content)
    assert raw["min_ssl_version"] == "TLSv1.2"


@pytest.mark.parametrize("name", ["not a domain", "example", "-bad.example.com", "a..example.com", "x" * 256])
def test_invalid_domain_is_2024(edge, group_id, name):
    with api_error(400, "APIG.2024" if len(name) <= 255 else "APIG.2011"):
        edge.bind(group_id, name)


def test_bind_errors(edge, group_id, wire):
    with api_error(404, "APIG.3001"):
        edge.bind(MISSING_ID, _domain_name())
    with api_error(400, "APIG.2011"):
        edge.bind(group_id, _domain_name(), min_ssl_version="TLSv1.0")
    response = wire.call("POST", "/api-groups/%s/domains" % group_id, body={})
    assert (response.status_code, response.json()["error_code"]) == (400, "APIG.2001")


def test_a_domain_name_is_bound_once_per_instance(edge, group_id, made):
    name = _domain_name()
    edge.bind(group_id, name)
    other = made.group(unique("edge_other")).id
    with api_error(400, "APIG.3305"):
        edge.bind(other, name.upper())
    with api_error(400, "APIG.3305"):
        edge.bind(group_id, name)


def test_at_most_five_domains_per_group(edge, group_id):
    for _ in range(5):
        edge.bind(group_id, _domain_name())
    with api_error(403, "APIG.3108"):
        edge.bind(group_id, _domain_name())
    assert len(edge.url_domains(group_id)) == 5


def test_update_changes_min_ssl_version(edge, group_id):
    domain_id = edge.bind(group_id, _domain_name()).id
    response = edge.update(group_id, domain_id, min_ssl_version="TLSv1.2")
    assert response.status_code == 200
    raw = check_response(response, DOMAIN, DOMAIN_REQUIRED)
    assert (raw["id"], raw["min_ssl_version"]) == (domain_id, "TLSv1.2")
    assert edge.url_domains(group_id)[0]["min_ssl_version"] == "TLSv1.2"
    redirect = json.loads(edge.update(group_id, domain_id, min_ssl_version="TLSv1.2",
                                      is_http_redirect_to_https=True).raw_content)
    assert (redirect["is_http_redirect_to_https"], redirect["verified_client_certificate_enabled"]) == (True, False)
    with api_error(400, "APIG.2011"):
        edge.update(group_id, domain_id, min_ssl_version="SSLv3")
    with api_error(400, "APIG.2001"):
        edge.update(group_id, domain_id, is_http_redirect_to_https=False)


def test_domain_of_another_group_is_3474_and_unknown_is_3020(edge, group_id, made):
    domain_id = edge.bind(group_id, _domain_name()).id
    other = made.group(unique("edge_other")).id
    with api_error(403, "APIG.3474"):
        edge.update(other, domain_id, min_ssl_version="TLSv1.2")
    with api_error(403, "APIG.3474"):
        edge.unbind(other, domain_id)
    with api_error(404, "APIG.3020"):
        edge.update(group_id, MISSING_ID, min_ssl_version="TLSv1.2")
    with api_error(404, "APIG.3020"):
        edge.unbind(group_id, MISSING_ID)


def test_unbind_returns_204_and_frees_the_name(edge, group_id, made):
    name = _domain_name()
    domain_id = edge.bind(group_id, name).id
    assert edge.unbind(group_id, domain_id).status_code == 204
    assert edge.url_domains(group_id) == []
    with api_error(404, "APIG.3020"):
        edge.unbind(group_id, domain_id)
    assert edge.bind(made.group(unique("edge_again")).id, name).status_code == 201


# ---------------------------------------------------------------- §3.13 certificates

def test_bind_certificate_show_and_unbind(edge, group_id, site_pem, instance_id, module_emulator):
    domain_id = edge.bind(group_id, "api.site.example.com").id
    response = edge.bind_cert(group_id, domain_id, site_pem)
    assert response.status_code == 201
    raw = check_response(response, DOMAIN_WITH_CERT, DOMAIN_REQUIRED + ("ssl_id", "ssl_name"))
    assert (raw["id"], raw["ssl_name"], raw["api_group_id"]) == (domain_id, "cert_demo", group_id)
    listed = edge.url_domains(group_id)[0]
    assert (listed["ssl_id"], listed["ssl_name"]) == (raw["ssl_id"], "cert_demo")

    shown = edge.show_cert(group_id, domain_id, raw["ssl_id"])
    assert shown.status_code == 200
    details = check_response(shown, CERTIFICATE, tuple(CERTIFICATE))
    cert = site_pem.cert
    assert details["common_name"] == "site.example.com"
    assert details["san"] == ["site.example.com", "*.site.example.com"]
    assert (details["version"], details["serial_number"]) == (3, str(cert.serial_number))
    assert details["not_after"] == cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert details["not_before"] == cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (details["organization"], details["issuer"]) == (["Test Org"], ["Test Org"])
    assert details["signature_algorithm"] == "SHA256-RSA"
    assert (details["id"], details["name"], details["project_id"]) == \
        (raw["ssl_id"], "cert_demo", module_emulator.project_id)
    assert b"PRIVATE" not in shown.raw_content

    assert edge.unbind_cert(group_id, domain_id, raw["ssl_id"]).status_code == 204
    assert edge.url_domains(group_id)[0]["ssl_id"] == ""
    with api_error(404, "APIG.3021"):
        edge.show_cert(group_id, domain_id, raw["ssl_id"])
    with api_error(404, "APIG.3021"):
        edge.unbind_cert(group_id, domain_id, raw["ssl_id"])


def test_binding_again_replaces_the_certificate(edge, group_id, site_pem):
    domain_id = edge.bind(group_id, "site.example.com").id
    first = edge.bind_cert(group_id, domain_id, site_pem).ssl_id
    second = edge.bind_cert(group_id, domain_id, site_pem, name="cert_renewed").ssl_id
    assert first != second
    assert edge.url_domains(group_id)[0]["ssl_name"] == "cert_renewed"
    with api_error(404, "APIG.3021"):
        edge.show_cert(group_id, domain_id, first)


def test_a_ca_issued_chain_is_accepted(edge, group_id):
    ca = pem_factory.make("Test CA", organization="Test CA Org")
    leaf = pem_factory.make("chain.example.com", issuer=ca)
    domain_id = edge.bind(group_id, "chain.example.com").id
    ssl_id = edge.bind_cert(group_id, domain_id, leaf).ssl_id
    assert edge.show_cert(group_id, domain_id, ssl_id).issuer == ["Test CA Org"]


@pytest.mark.parametrize("case, code", [
    ("key_of_another_certificate", "APIG.2101"),
    ("expired", "APIG.2102"),
    ("other_domain", "APIG.2103"),
    ("wildcard_two_levels_down", "APIG.2103"),
    ("broken_chain", "APIG.2104"),
    ("encrypted_key", "APIG.2105"),
    ("garbage_certificate", "APIG.2106"),
    ("garbage_key", "APIG.2106"),
    ("after_2038", "APIG.3148"),
])
def test_certificate_rules(edge, group_id, site_pem, case, code):
    domain = "a.b.site.example.com" if case == "wildcard_two_levels_down" else "www.site.example.com"
    domain_id = edge.bind(group_id, domain).id
    pem, private_key = site_pem, None
    if case == "key_of_another_certificate":
        private_key = pem_factory.new_private_key()
    elif case == "expired":
        pem = pem_factory.make("www.site.example.com", days=10, not_before_days=-20)
    elif case == "other_domain":
        pem = pem_factory.make("www.elsewhere.example.com")
    elif case == "broken_chain":
        leaf = pem_factory.make("www.site.example.com", issuer=pem_factory.make("CA one"))
        pem = pem_factory.Pem(leaf.cert, leaf.key, (pem_factory.make("CA two").cert,))
    elif case == "encrypted_key":
        private_key = site_pem.encrypted_key()
    elif case == "garbage_certificate":
        pem = pem_factory.Pem(site_pem.cert, site_pem.key)
        pem.cert_content = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"
    elif case == "garbage_key":
        private_key = "not a key"
    elif case == "after_2038":
        pem = pem_factory.make("www.site.example.com", days=365 * 30)
    with api_error(400, code):
        edge.bind_cert(group_id, domain_id, pem, private_key=private_key)
    assert edge.url_domains(group_id)[0]["ssl_id"] == ""


@pytest.mark.parametrize("name", ["abc", "1cert", "cert-demo", "c" * 51])
def test_certificate_name_rules_are_2012(edge, group_id, site_pem, name):
    domain_id = edge.bind(group_id, "www.site.example.com").id
    with api_error(400, "APIG.2012"):
        edge.bind_cert(group_id, domain_id, site_pem, name=name)


def test_certificate_errors_of_the_path(edge, group_id, site_pem, made):
    with api_error(404, "APIG.3020"):
        edge.bind_cert(group_id, MISSING_ID, site_pem)
    domain_id = edge.bind(group_id, "www.site.example.com").id
    ssl_id = edge.bind_cert(group_id, domain_id, site_pem).ssl_id
    other = made.group(unique("edge_other")).id
    with api_error(403, "APIG.3474"):
        edge.show_cert(other, domain_id, ssl_id)
    with api_error(404, "APIG.3021"):
        edge.show_cert(group_id, domain_id, MISSING_ID)
    with api_error(404, "APIG.3001"):
        edge.unbind_cert(MISSING_ID, domain_id, ssl_id)


# ---------------------------------------------------------------- §3.20 gateway responses

def _entries(raw):
    return raw["responses"]


def check_gateway_response(response):
    """The raw ResponsesInfo JSON, checked against the SDK's view; ``responses`` is a map of entries."""
    raw = check_response(response, RESPONSE, tuple(RESPONSE) + ("responses",))
    sdk_entries = sdk_dict(response)["responses"]
    assert set(raw["responses"]) == set(ERROR_TYPES) == set(sdk_entries)
    for error_type, entry in raw["responses"].items():
        check_fields(ENTRY, ("body", "default"), entry, sdk_entries[error_type], "$.responses." + error_type)
    return raw


def test_a_group_has_a_default_response(edge, group_id):
    response = edge.list_responses(group_id)
    assert response.status_code == 200
    raw = json.loads(response.raw_content)
    assert (raw["size"], raw["total"]) == (1, 1)
    [default] = raw["responses"]
    assert (default["name"], default["default"]) == ("default", True)
    assert set(_entries(default)) == set(ERROR_TYPES)
    assert _entries(default)["THROTTLED"] == {"body": DEFAULT_BODY, "status": 429, "default": True}
    assert _entries(default)["DEFAULT_4XX"] == {"body": DEFAULT_BODY, "default": True}
    sdk_item = sdk_dict(response)["responses"][0]
    assert sdk_item["responses"]["THROTTLED"]["status"] == 429 and sdk_item["id"] == default["id"]


def test_create_show_and_list(edge, group_id):
    created = edge.create_response(group_id, "resp_demo", {
        "AUTH_FAILURE": ResponseInfo(status=403, body='{"message":"denied"}',
                                     headers=[ResponseInfoHeader(key="X-Why", value="auth")])})
    assert created.status_code == 201
    raw = check_gateway_response(created)
    assert (raw["name"], raw["default"]) == ("resp_demo", False)
    assert _entries(raw)["AUTH_FAILURE"] == {"status": 403, "body": '{"message":"denied"}', "default": False,
                                             "headers": [{"key": "X-Why", "value": "auth"}]}
    assert _entries(raw)["NOT_FOUND"] == {"status": 404, "body": DEFAULT_BODY, "default": True}
    assert created.responses["AUTH_FAILURE"].headers[0].key == "X-Why"
    shown = edge.show_response(group_id, created.id)
    assert check_gateway_response(shown) == raw
    listed = edge.list_responses(group_id, offset=1, limit=1)
    assert (listed.total, listed.size, listed.responses[0].id) == (2, 1, created.id)


def test_an_entry_without_status_or_body_takes_the_defaults(edge, group_id):
    raw = json.loads(edge.create_response(group_id, "resp_partial", {
        "THROTTLED": ResponseInfo(body="slow down"), "BACKEND_TIMEOUT": ResponseInfo(status=503)}).raw_content)
    assert _entries(raw)["THROTTLED"] == {"status": 429, "body": "slow down", "default": False}
    assert _entries(raw)["BACKEND_TIMEOUT"] == {"status": 503, "body": DEFAULT_BODY, "default": False}


def test_update_renames_and_customizes_only_the_given_types(edge, group_id):
    created = edge.create_response(group_id, "resp_old", {"THROTTLED": ResponseInfo(status=503, body="busy")})
    response = edge.update_response(group_id, created.id, "resp_new", {"NOT_FOUND": ResponseInfo(body="nothing")})
    assert response.status_code == 200
    raw = check_gateway_response(response)
    assert (raw["id"], raw["name"]) == (created.id, "resp_new")
    assert _entries(raw)["THROTTLED"] == {"status": 503, "body": "busy", "default": False}
    assert _entries(raw)["NOT_FOUND"] == {"status": 404, "body": "nothing", "default": False}
    assert sum(not entry["default"] for entry in _entries(raw).values()) == 2


def test_per_type_show_update_and_delete(edge, group_id):
    response_id = edge.create_response(group_id, "resp_types").id
    shown = edge.show_type(group_id, response_id, "ACCESS_DENIED")
    assert shown.status_code == 200
    assert json.loads(shown.raw_content) == {"ACCESS_DENIED": {"body": DEFAULT_BODY, "status": 403,
                                                               "default": True}}
    updated = edge.update_type(group_id, response_id, "ACCESS_DENIED", status=451, body="blocked")
    assert updated.status_code == 200
    assert json.loads(updated.raw_content) == {"ACCESS_DENIED": {"status": 451, "body": "blocked",
                                                                 "default": False}}
    assert sdk_dict(updated)["body"]["ACCESS_DENIED"]["status"] == 451
    assert _entries(json.loads(edge.show_response(group_id, response_id).raw_content))["ACCESS_DENIED"][
        "status"] == 451
    assert edge.delete_type(group_id, response_id, "ACCESS_DENIED").status_code == 204
    assert json.loads(edge.show_type(group_id, response_id, "ACCESS_DENIED").raw_content) == \
        {"ACCESS_DENIED": {"body": DEFAULT_BODY, "status": 403, "default": True}}
    assert edge.delete_type(group_id, response_id, "ACCESS_DENIED").status_code == 204


def test_delete_returns_204_then_3007(edge, group_id):
    response_id = edge.create_response(group_id, "resp_gone").id
    assert edge.delete_response(group_id, response_id).status_code == 204
    with api_error(404, "APIG.3007"):
        edge.show_response(group_id, response_id)
    with api_error(404, "APIG.3007"):
        edge.delete_response(group_id, response_id)
    with api_error(404, "APIG.3007"):
        edge.show_type(group_id, response_id, "THROTTLED")


def test_the_default_response_cannot_be_deleted_or_renamed(edge, group_id):
    default_id = edge.list_responses(group_id).responses[0].id
    with api_error(409, "APIG.3491"):
        edge.delete_response(group_id, default_id)
    with api_error(409, "APIG.3492"):
        edge.update_response(group_id, default_id, "renamed")
    # Its entries can be customized, and its own name sent back unchanged.
    raw = json.loads(edge.update_response(group_id, default_id, "default",
                                          {"THROTTLED": ResponseInfo(status=503)}).raw_content)
    assert (raw["default"], _entries(raw)["THROTTLED"]["status"]) == (True, 503)


def test_names_are_unique_per_group(edge, group_id, made):
    edge.create_response(group_id, "resp_dup")
    with api_error(400, "APIG.3216"):
        edge.create_response(group_id, "resp_dup")
    with api_error(400, "APIG.3216"):
        edge.create_response(group_id, "default")
    other = made.group(unique("edge_other")).id
    assert edge.create_response(other, "resp_dup").status_code == 201
    renamed = edge.create_response(group_id, "resp_two").id
    with api_error(400, "APIG.3216"):
        edge.update_response(group_id, renamed, "resp_dup")


def test_response_validation(edge, group_id, wire):
    path = "/api-groups/%s/gateway-responses" % group_id
    for body, code in (({}, "APIG.2001"), ({"name": "1bad"}, "APIG.2011"),
                       ({"name": "ok", "responses": {"NO_SUCH_TYPE": {}}}, "APIG.2011"),
                       ({"name": "ok", "responses": {"THROTTLED": {"status": 99}}}, "APIG.2002")):
        response = wire.call("POST", path, body=body)
        assert (response.status_code, response.json()["error_code"]) == (400, code), body
    response_id = edge.create_response(group_id, "resp_valid").id
    with api_error(400, "APIG.2012"):
        edge.show_type(group_id, response_id, "NO_SUCH_TYPE")
    with api_error(400, "APIG.2012"):
        edge.update_type(group_id, response_id, "NO_SUCH_TYPE", status=400)
    with api_error(404, "APIG.3001"):
        edge.list_responses(MISSING_ID)


def test_a_response_of_another_group_is_3007(edge, group_id, made):
    response_id = edge.create_response(group_id, "resp_mine").id
    other = made.group(unique("edge_other")).id
    with api_error(404, "APIG.3007"):
        edge.show_response(other, response_id)


def test_at_most_four_custom_responses_per_group(edge, group_id):
    for index in range(4):
        edge.create_response(group_id, "resp_quota_%d" % index)
    with api_error(403, "APIG.3136"):
        edge.create_response(group_id, "resp_quota_4")
    assert edge.list_responses(group_id).total == 5


# ---------------------------------------------------------------- the group owns them

def test_deleting_a_group_removes_its_domains_and_responses(edge, sdk, instance_id, made, site_pem,
                                                            module_emulator):
    group_id = made.group(unique("edge_gone")).id
    name = "gone.site.example.com"
    domain_id = edge.bind(group_id, name).id
    edge.bind_cert(group_id, domain_id, site_pem)
    edge.create_response(group_id, "resp_gone")
    sdk.delete_api_group_v2(DeleteApiGroupV2Request(instance_id=instance_id, group_id=group_id))
    with sqlite3.connect(module_emulator.db) as db:
        left = db.execute("SELECT COUNT(*) FROM resources WHERE kind IN ('domain', 'gateway_response')"
                          " AND json_extract(body, '$.group_id') = ?", (group_id,)).fetchone()[0]
    assert left == 0
    assert edge.bind(made.group(unique("edge_next")).id, name).status_code == 201


# ---------------------------------------------------------------- the modules read the SDK's writes

def test_the_modules_converge_on_what_the_sdk_wrote(edge, made, module_emulator, site_pem):
    group = made.group(unique("edge_rt"))
    domain_id = edge.bind(group.id, "rt.site.example.com", min_ssl_version="TLSv1.2").id
    edge.bind_cert(group.id, domain_id, site_pem, name="rt_cert")
    response_id = edge.create_response(group.id, "rt_errors", {
        "THROTTLED": ResponseInfo(status=503, body="busy", headers=[ResponseInfoHeader(key="Retry-After", value="1")])
    }).id

    domain = module_result(module_emulator, "domain", {
        "group": group.name, "url_domain": "rt.site.example.com", "min_ssl_version": "TLSv1.2"})
    cert = module_result(module_emulator, "domain_certificate", {
        "group": group.name, "url_domain": "rt.site.example.com", "name": "rt_cert",
        "cert_content": site_pem.cert_content, "private_key": site_pem.private_key})
    response = module_result(module_emulator, "gateway_response", {
        "group": group.name, "name": "rt_errors", "responses": [
            {"response_type": "THROTTLED", "status": 503, "body": "busy",
             "headers": [{"key": "Retry-After", "value": "1"}]}]})
    assert (domain["changed"], cert["changed"], response["changed"]) == (False, False, False)
    assert (domain["domain"]["id"], response["gateway_response"]["id"]) == (domain_id, response_id)
    assert cert["domain_certificate"]["fingerprint_sha256"] == site_pem.fingerprint()

    # And the SDK reads what the module writes: one entry changed with its own call.
    module_result(module_emulator, "gateway_response", {
        "group": group.name, "name": "rt_errors", "responses": [{"response_type": "THROTTLED", "status": 429}]})
    shown = json.loads(edge.show_type(group.id, response_id, "THROTTLED").raw_content)
    assert shown == {"THROTTLED": {"status": 429, "body": "busy", "default": False,
                                   "headers": [{"key": "Retry-After", "value": "1"}]}}
