"""Certificate rules: the emulator's (what the gateway refuses) and the module's local checks agree."""
import datetime

import pem_factory
import pytest
from ansible_collections.huaweicloud.apig.plugins.module_utils import certificates
from apig_emulator.errors import ApiError
from apig_emulator.families import domains

DOMAIN = "api.shop.example.com"
NOW = datetime.datetime.now(datetime.timezone.utc)


@pytest.mark.parametrize("pattern, domain, covered", [
    ("api.shop.example.com", "API.shop.example.com", True),
    ("*.shop.example.com", "api.shop.example.com", True),
    ("*.shop.example.com", "shop.example.com", False),
    ("*.shop.example.com", "a.api.shop.example.com", False),
    ("*.shop.example.com", "*.shop.example.com", True),
    ("*.example.com", "*.shop.example.com", False),
    ("shop.example.com", "api.shop.example.com", False),
])
def test_a_wildcard_covers_exactly_one_label(pattern, domain, covered):
    assert domains.covers(pattern, domain) is covered
    assert certificates.covers(pattern, domain) is covered


def _cases():
    site = pem_factory.make(DOMAIN, san=(DOMAIN,))
    return {
        "ok": (site, site.private_key, None, None),
        "key of another certificate": (site, pem_factory.new_private_key(), "APIG.2101", "does not belong"),
        "expired": (pem_factory.make(DOMAIN, days=2, not_before_days=-5), None, "APIG.2102", "expired on"),
        "after 2038": (pem_factory.make(DOMAIN, days=365 * 20), None, "APIG.3148", "before 2038"),
        "other domain": (pem_factory.make("www.example.org"), None, "APIG.2103", "does not cover url_domain"),
        "encrypted key": (site, site.encrypted_key(), "APIG.2105", "encrypted"),
    }


@pytest.mark.parametrize("case", sorted(_cases()))
def test_module_checks_match_the_gateway(case):
    pem, key, code, says = _cases()[case]
    key = key or pem.private_key
    details, problems = certificates.certificate_problems(pem.cert_content, key, DOMAIN, NOW.replace(tzinfo=None))
    try:
        chain, loaded = domains._load({"cert_content": pem.cert_content, "private_key": key})
        domains.check_certificate(chain, loaded, DOMAIN, NOW)
        refused = None
    except ApiError as error:
        refused = error.code
    assert refused == code
    if code is None:
        assert problems == []
        assert details["serial_number"] == str(pem.cert.serial_number)
        assert details["fingerprint_sha256"] == pem.fingerprint()
    else:
        assert len(problems) == 1 and says in problems[0], problems
        assert "PRIVATE KEY" not in problems[0]


def test_garbage_is_named_by_option():
    site = pem_factory.make(DOMAIN)
    assert certificates.certificate_problems("junk", site.private_key, DOMAIN, NOW)[1] == \
        ["cert_content is not a PEM certificate"]
    assert certificates.certificate_problems(site.cert_content, "junk", DOMAIN, NOW)[1] == \
        ["private_key is not a PEM private key"]
