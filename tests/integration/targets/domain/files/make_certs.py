"""Writes the target's test certificates into a folder: <case>.crt and <case>.key per case."""
import os
import sys

# tests/pem_factory.py, three folders up from this role's files/.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
import pem_factory  # noqa: E402


def main(folder, domain):
    parent = domain.split(".", 1)[1]
    cases = {
        "site": pem_factory.make(domain, san=(domain,)),
        "renewed": pem_factory.make(domain, san=(domain,)),
        "wildcard": pem_factory.make("*." + parent),
        "expired": pem_factory.make(domain, days=10, not_before_days=-20),
        "elsewhere": pem_factory.make("www.elsewhere.example.org"),
    }
    for case, pem in cases.items():
        for suffix, text in (("crt", pem.cert_content), ("key", pem.private_key)):
            with open(os.path.join(folder, "%s.%s" % (case, suffix)), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
