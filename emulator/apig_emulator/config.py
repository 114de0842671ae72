"""Command line / environment settings of the emulator."""
import argparse
import hashlib
import os
from dataclasses import dataclass, field

# Fixed, documented defaults (see README): shaped like the real service's values.
DEFAULT_PROJECT_ID = "05041fffa40025702f6dc009cc6f8f33"
DEFAULT_INSTANCE_ID = "eddc4d25480b4cd6b512f270a1b8b341"
DEFAULT_ACCESS_KEY = "APIGEMULATORAK000001"
DEFAULT_SECRET_KEY = "ApigEmulatorSecretKeyForLocalTestingOnly"
DEFAULT_AUTH_TOKEN = "apig-emulator-token"
DEFAULT_REGION = "cn-north-4"


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

    def secrets(self):
        """Every AK -> SK pair the signature check accepts."""
        return {self.access_key: self.secret_key, **self.credentials}

    def projects(self):
        """Every known project id -> the id of its pre-created instance."""
        return {self.project_id: self.instance_id, **self.extra_projects}


def _pair(text, sep=":"):
    key, _, value = text.partition(sep)
    return key, value


def _extra_project(text):
    project_id, instance_id = _pair(text)
    # Without an explicit instance id, derive a stable one so restarts agree.
    return project_id, instance_id or hashlib.md5(("instance:" + project_id).encode()).hexdigest()


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
    a = p.parse_args(argv)
    return Settings(
        host=a.host, port=a.port, db=a.db, access_log=a.access_log, project_id=a.project_id,
        instance_id=a.instance_id, access_key=a.access_key, secret_key=a.secret_key,
        auth_token=a.auth_token, region=a.region, log_level=a.log_level,
        credentials=dict(_pair(c) for c in a.credential),
        extra_projects=dict(_extra_project(e) for e in a.extra_project))
