"""Command line / environment settings of the emulator."""
import argparse
import hashlib
import json
import os
from dataclasses import dataclass, field

from . import faults

# Fixed, documented defaults (see README): shaped like the real service's values.
DEFAULT_PROJECT_ID = "05041fffa40025702f6dc009cc6f8f33"
DEFAULT_INSTANCE_ID = "eddc4d25480b4cd6b512f270a1b8b341"
DEFAULT_ACCESS_KEY = "APIGEMULATORAK000001"
DEFAULT_SECRET_KEY = "ApigEmulatorSecretKeyForLocalTestingOnly"
DEFAULT_AUTH_TOKEN = "apig-emulator-token"
DEFAULT_REGION = "cn-north-4"


@dataclass
class Account:
    """A tenant: its projects (id -> instance id), key pairs (AK -> SK) and tokens (token -> project id).

    A key reaches every project of its account; a token only the project it was issued for, as IAM's
    project-scoped tokens do.
    """
    name: str
    projects: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    db: str = "apig-emulator.db"
    access_log: str = None
    project_id: str = DEFAULT_PROJECT_ID
    instance_id: str = DEFAULT_INSTANCE_ID
    access_key: str = DEFAULT_ACCESS_KEY
    secret_key: str = DEFAULT_SECRET_KEY
    auth_token: str = DEFAULT_AUTH_TOKEN
    region: str = DEFAULT_REGION
    log_level: str = "WARNING"
    credentials: dict = field(default_factory=dict)       # extra AK -> SK
    extra_projects: dict = field(default_factory=dict)    # extra project id -> its instance id
    other_accounts: list = field(default_factory=list)    # Accounts beyond the default one
    tls_cert: str = None
    tls_key: str = None
    faults: object = None                                 # faults.FaultPlan, or None: no faults
    instance_create_seconds: float = 2.0                  # how long creating / deleting an instance takes
    instance_create_failures: int = 0                     # the next N instance creations fail (for tests)
    feature_interval: float = 60.0                        # a feature re-set sooner answers APIG.3711

    def accounts(self):
        """The default account (the flags above) first, then the other accounts."""
        default = Account("default", projects={self.project_id: self.instance_id, **self.extra_projects},
                          keys={self.access_key: self.secret_key, **self.credentials},
                          tokens={self.auth_token: self.project_id} if self.auth_token else {})
        return [default] + list(self.other_accounts)

    def secrets(self):
        """Every AK -> SK pair the signature check accepts."""
        return {ak: sk for account in self.accounts() for ak, sk in account.keys.items()}

    def projects(self):
        """Every known project id -> the id of its pre-created instance."""
        return {p: i for account in self.accounts() for p, i in account.projects.items()}

    def account_of_key(self, access_key):
        return next((a for a in self.accounts() if access_key in a.keys), None)

    def token_scope(self, token):
        """(account, project id) of a token, or (None, None)."""
        for account in self.accounts():
            if token in account.tokens:
                return account, account.tokens[token]
        return None, None


def _pair(text, sep=":"):
    key, _, value = text.partition(sep)
    return key, value


def _extra_project(text):
    project_id, instance_id = _pair(text)
    # Without an explicit instance id, derive a stable one so restarts agree.
    return project_id, instance_id or hashlib.md5(("instance:" + project_id).encode()).hexdigest()


def _account(text):
    """One ``--account``: a JSON object (or ``@file``), e.g.
    ``{"name": "b", "projects": {"<id>": null}, "keys": {"AK": "SK"}, "tokens": {"T": "<id>"}}``."""
    if text.startswith("@"):
        with open(text[1:], encoding="utf-8") as f:
            text = f.read()
    data = json.loads(text)
    projects = dict(_extra_project("%s:%s" % (p, i or "")) for p, i in (data.get("projects") or {}).items())
    tokens = data.get("tokens") or {}
    if not projects or any(p not in projects for p in tokens.values()):
        raise ValueError("an account needs projects, and its tokens must name one of them")
    return Account(str(data.get("name") or "account"), projects, dict(data.get("keys") or {}), dict(tokens))


def _accounts(values):
    """``--account`` values; the environment variable may hold a JSON list of them."""
    accounts = []
    for value in values:
        value = value.strip()
        items = json.loads(value) if value.startswith("[") else [value]
        accounts += [_account(i if isinstance(i, str) else json.dumps(i)) for i in items]
    return accounts


def _check_accounts(p, settings):
    """A project, key or token belongs to one account only."""
    seen = {}
    for account in settings.accounts():
        for kind in ("projects", "keys", "tokens"):
            for item in getattr(account, kind):
                if seen.setdefault((kind, item), account.name) != account.name:
                    p.error("%s %s belongs to two accounts" % (kind[:-1], item))


def _env_list(name):
    return [item for item in os.environ.get(name, "").split(",") if item]


def parse_args(argv=None):
    env = os.environ.get
    defaults = Settings()
    p = argparse.ArgumentParser(prog="apig_emulator", description="Local Huawei Cloud APIG (V2) emulator")
    p.add_argument("--host", default=env("APIG_EMULATOR_HOST", defaults.host))
    p.add_argument("--port", type=int, default=int(env("APIG_EMULATOR_PORT", defaults.port)),
                   help="0 picks a free port")
    p.add_argument("--db", default=env("APIG_EMULATOR_DB", defaults.db))
    p.add_argument("--access-log", default=env("APIG_EMULATOR_ACCESS_LOG"))
    p.add_argument("--project-id", default=env("APIG_EMULATOR_PROJECT_ID", defaults.project_id))
    p.add_argument("--instance-id", default=env("APIG_EMULATOR_INSTANCE_ID", defaults.instance_id))
    p.add_argument("--access-key", default=env("APIG_EMULATOR_ACCESS_KEY", defaults.access_key))
    p.add_argument("--secret-key", default=env("APIG_EMULATOR_SECRET_KEY", defaults.secret_key))
    p.add_argument("--auth-token", default=env("APIG_EMULATOR_AUTH_TOKEN", defaults.auth_token))
    p.add_argument("--region", default=env("APIG_EMULATOR_REGION", defaults.region),
                   help="used in the groups' sub-domains")
    p.add_argument("--log-level", default=env("APIG_EMULATOR_LOG_LEVEL", defaults.log_level),
                   choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                   help="stderr verbosity; INFO adds one line per request and why a caller was rejected")
    p.add_argument("--credential", action="append", default=_env_list("APIG_EMULATOR_CREDENTIALS"),
                   metavar="AK:SK", help="extra accepted key pair (repeatable)")
    p.add_argument("--extra-project", action="append", default=_env_list("APIG_EMULATOR_EXTRA_PROJECTS"),
                   metavar="PROJECT_ID[:INSTANCE_ID]", help="another project with its own instance (repeatable)")
    p.add_argument("--account", action="append", metavar="JSON|@FILE",
                   default=[os.environ["APIG_EMULATOR_ACCOUNTS"]] if env("APIG_EMULATOR_ACCOUNTS") else [],
                   help="another tenant with its own projects, key pairs and project-scoped tokens (repeatable)")
    p.add_argument("--tls-cert", default=env("APIG_EMULATOR_TLS_CERT"), help="serve HTTPS with this PEM certificate")
    p.add_argument("--tls-key", default=env("APIG_EMULATOR_TLS_KEY"), help="the PEM private key of --tls-cert")
    faults.add_arguments(p, env)
    p.add_argument("--instance-create-seconds", type=float,
                   default=float(env("APIG_EMULATOR_INSTANCE_CREATE_SECONDS", defaults.instance_create_seconds)),
                   help="how long creating (and deleting) an instance takes")
    p.add_argument("--instance-create-failures", type=int,
                   default=int(env("APIG_EMULATOR_INSTANCE_CREATE_FAILURES", defaults.instance_create_failures)),
                   help="the next N instance creations end in CreateFail (APIC.9206)")
    p.add_argument("--feature-interval", type=float,
                   default=float(env("APIG_EMULATOR_FEATURE_INTERVAL", defaults.feature_interval)),
                   help="seconds before a feature may be set again (APIG.3711 sooner)")
    a = p.parse_args(argv)
    if bool(a.tls_cert) != bool(a.tls_key):
        p.error("--tls-cert and --tls-key go together")
    try:
        other_accounts = _accounts(a.account)
    except (OSError, ValueError, AttributeError) as exc:
        p.error("--account: %s" % exc)
    settings = Settings(
        host=a.host, port=a.port, db=a.db, access_log=a.access_log, project_id=a.project_id,
        instance_id=a.instance_id, access_key=a.access_key, secret_key=a.secret_key,
        auth_token=a.auth_token, region=a.region, log_level=a.log_level,
        credentials=dict(_pair(c) for c in a.credential),
        extra_projects=dict(_extra_project(e) for e in a.extra_project),
        other_accounts=other_accounts, tls_cert=a.tls_cert, tls_key=a.tls_key, faults=faults.plan(p, a),
        instance_create_seconds=a.instance_create_seconds, instance_create_failures=a.instance_create_failures,
        feature_interval=a.feature_interval)
    _check_accounts(p, settings)
    return settings
