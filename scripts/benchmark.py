#!/usr/bin/env python3
"""Performance figures of the collection and the emulator (issue 12). Prints figures; asserts nothing.

    make setup && .venv/bin/python scripts/benchmark.py            # everything (several minutes)
    .venv/bin/python scripts/benchmark.py --only emulator --apis 3000
    .venv/bin/python scripts/benchmark.py --only service,publish,modules --service-sizes 14

Sections (``--only``, comma-separated):

* ``service``: the example service (``examples/service.yml``, 14 APIs) and a generated one of
  200 APIs, applied with ``playbooks/apply_service.yml``: requests and seconds of the run from
  nothing and of the converged rerun.
* ``publish``: requests ``api_publish`` sends for N published, unchanged APIs.
* ``modules``: with ``examples/service.yml`` and ``examples/gateway.yml`` applied, seconds per
  converged task of each module in ``module_tasks`` against ``ansible.builtin.ping``, and the
  requests one task sends (one line per module there; new modules add a line). A task that changes
  something or fails ends the run: what is timed is converged. ``--compile-once`` times the same
  tasks as if Python compiled each file of a module's zip once instead of twice (see COMPILE_ONCE).
* ``emulator``: list-page and exact-name lookup latency at 100 APIs and at ``--apis``,
  creates per second at both sizes, and throughput with 20 concurrent clients.

Every section starts its own emulator (``python -m apig_emulator``) on a free port with a
fresh database in a temporary directory, and counts requests from its access log.
"""
import argparse
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
COLLECTIONS = os.path.join(REPO, ".build", "collections")
EXAMPLE_SERVICE = os.path.join(REPO, "examples", "service.yml")
EXAMPLE_GATEWAY = os.path.join(REPO, "examples", "gateway.yml")
CLIENTS = 20

sys.path.append(os.path.join(REPO, "tests"))
import pem_factory  # noqa: E402  (tests/pem_factory.py: certificates made with cryptography)

# ---------------------------------------------------------------- the emulator process

class Emulator:
    """``python -m apig_emulator`` on a free port with its own database and access log."""

    def __init__(self, workdir):
        self.access_log = os.path.join(workdir, "access.log")
        self.stderr = open(os.path.join(workdir, "emulator.stderr"), "w")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.join(REPO, "emulator"),
                                                           os.environ.get("PYTHONPATH", "")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "apig_emulator", "--port", "0", "--db", os.path.join(workdir, "apig.db"),
             "--access-log", self.access_log], stdout=subprocess.PIPE, stderr=self.stderr, env=env, text=True)
        self.info = json.loads(self.proc.stdout.readline())
        self.endpoint = self.info["endpoint"]
        self.base = "%s/v2/%s/apigw/instances/%s" % (self.endpoint, self.info["project_id"], self.info["instance_id"])
        self.extra_env = {}  # more environment for ansible-playbook and the modules it runs

    def session(self):
        """A keep-alive HTTP session authenticated with the emulator's token."""
        session = requests.Session()
        session.headers.update({"X-Auth-Token": self.info["auth_token"], "Content-Type": "application/json"})
        return session

    def requests_logged(self):
        with open(self.access_log) as f:
            return sum(1 for line in f if line.strip())

    def ansible_env(self):
        env = dict(os.environ)
        env.update({
            "HW_APIG_ENDPOINT": self.endpoint, "HW_PROJECT_ID": self.info["project_id"],
            "HW_APIG_INSTANCE_ID": self.info["instance_id"], "HW_ACCESS_KEY": self.info["access_key"],
            "HW_SECRET_KEY": self.info["secret_key"], "HW_REGION_NAME": "emulator-1",
            "ANSIBLE_COLLECTIONS_PATH": COLLECTIONS, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "PATH": BIN + os.pathsep + os.environ.get("PATH", ""),
        })
        env.update(self.extra_env)
        return env

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self.stderr.close()


class Workdir:
    """A temporary directory with a running emulator in it."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="apig-bench-")
        self.emulator = Emulator(self.path)
        return self

    def __exit__(self, *exc):
        self.emulator.stop()
        shutil.rmtree(self.path, ignore_errors=True)


def counted(emulator, action):
    """(requests the emulator logged, seconds) while ``action()`` ran."""
    before = emulator.requests_logged()
    started = time.monotonic()
    action()
    return emulator.requests_logged() - before, time.monotonic() - started


def ansible_playbook(emulator, *args, accept=(0,)):
    """The stdout of ``ansible-playbook args``; an exit status not in ``accept`` ends the benchmark."""
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), *args], env=emulator.ansible_env(), cwd=REPO,
                          capture_output=True, text=True)
    if proc.returncode not in accept:
        raise SystemExit("ansible-playbook %s failed:\n%s%s" % (" ".join(args), proc.stdout[-3000:], proc.stderr))
    return proc.stdout


def report(title, rows):
    print("\n" + title)
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print("  %-*s  %s" % (width, label, value))
    sys.stdout.flush()


# ---------------------------------------------------------------- service runs

def load_service(path=EXAMPLE_SERVICE):
    with open(path) as f:
        return yaml.safe_load(f)["apig_service"]


def scaled_service(count):
    """The example service with ``count`` APIs: its own APIs, then copies under new names and paths."""
    service = load_service()
    originals = service["apis"]
    apis = list(originals[:count])
    for index in range(len(apis), count):
        api = json.loads(json.dumps(originals[index % len(originals)]))
        api["name"] = "%s_%d" % (api["name"], index)
        api["req_uri"] = "/copy%d%s" % (index, api["req_uri"])
        apis.append(api)
    service["apis"] = apis
    return service


def bench_service(sizes):
    rows = []
    for count in sizes:
        service = load_service() if count == len(load_service()["apis"]) else scaled_service(count)
        with Workdir() as work:
            path = os.path.join(work.path, "service.yml")
            with open(path, "w") as f:
                yaml.safe_dump({"apig_service": service}, f)
            apply = ("playbooks/apply_service.yml", "-e", "@" + path)
            first = counted(work.emulator, lambda: ansible_playbook(work.emulator, *apply))
            again = counted(work.emulator, lambda: ansible_playbook(work.emulator, *apply))
        rows.append(("%d APIs, from nothing" % count, "%4d requests %7.1f s" % first))
        rows.append(("%d APIs, converged rerun" % count, "%4d requests %7.1f s   (budget N+6 = %d)"
                     % (again + (count + 6,))))
    report("Service role (playbooks/apply_service.yml), requests and seconds", rows)


# ---------------------------------------------------------------- api_publish

MOCK_API = {"type": 1, "req_protocol": "HTTPS", "req_method": "GET", "auth_type": "NONE", "backend_type": "MOCK",
            "mock_info": {"result_content": "{}"}}


def create_apis(emulator, session, group_id, names, clients=CLIENTS):
    """Create one MOCK API per name in the group with ``clients`` concurrent clients; the create seconds."""
    chunks = [names[i::clients] for i in range(clients)]
    errors = []

    def worker(chunk):
        own = emulator.session() if clients > 1 else session
        for name in chunk:
            resp = own.post(emulator.base + "/apis", json=dict(MOCK_API, name=name, group_id=group_id,
                                                               req_uri="/" + name))
            if resp.status_code != 201:
                errors.append(resp.text)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(c,)) for c in chunks if c]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit("creating APIs failed: %s" % errors[0])
    return time.monotonic() - started


def bench_publish(sizes):
    rows = []
    for count in sizes:
        with Workdir() as work:
            emu = work.emulator
            session = emu.session()
            group = session.post(emu.base + "/api-groups", json={"name": "bench_publish"}).json()
            names = ["api_%05d" % i for i in range(count)]
            create_apis(emu, session, group["id"], names)
            args = {"group": "bench_publish", "environment": "RELEASE", "apis": names}
            path = os.path.join(work.path, "publish.yml")
            with open(path, "w") as f:
                yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": [
                    {"huaweicloud.apig.api_publish": args}]}], f)
            first = counted(emu, lambda: ansible_playbook(emu, path))
            again = counted(emu, lambda: ansible_playbook(emu, path))
        budget = math.ceil(count / 500) + 2
        rows.append(("%d APIs, first publish" % count, "%4d requests %6.1f s" % first))
        rows.append(("%d APIs, all unchanged" % count, "%4d requests %6.1f s   (budget ceil(N/500)+2 = %d)"
                     % (again + (budget,))))
    report("api_publish (group and environment by name)", rows)


# ---------------------------------------------------------------- module tasks vs ping

# Every module has a timed task in module_tasks but api_debug, an action rather than a state: every
# run sends a request through the API to its backend (in check mode it sends nothing, so nothing to time).

# The modules whose task acts on what the example files don't create (the app_secret feature, the
# export file, a certificate on the partner domain): one run after the examples are applied creates
# it; from then on their task changes nothing, like the others.
SET_UP = ("feature", "openapi_export", "domain_certificate")

# Keys of the service files' items that are not options of the item's module (roles/service/README.md),
# and the families whose module takes the service's group as an option.
SERVICE_KEYS = ("variables", "bindings", "certificate", "app_codes", "authorizations", "publish")
GROUP_FAMILIES = ("apis", "gateway_responses", "domains")


class Example:
    """An example service file, its items given as the arguments of their modules."""

    def __init__(self, path):
        with open(path) as f:
            data = yaml.safe_load(f)
        self.service, self.secrets = data["apig_service"], data.get("apig_secrets", {})
        self.group = self.service["group"]["name"]

    def item(self, family, name=None):
        """The item of ``family`` named ``name``, or its first."""
        return next(i for i in self.service[family] if name in (None, i.get("name")))

    def options(self, family, name=None):
        """That item as its module's arguments."""
        options = {k: v for k, v in self.item(family, name).items() if k not in SERVICE_KEYS}
        return dict(options, group=self.group) if family in GROUP_FAMILIES else options

    def binding(self, family, key="bindings", **resource):
        """The first of the first item's ``bindings`` (or ``authorizations``) as the arguments of the
        binding module, which names the item with ``resource``."""
        return dict(self.item(family)[key][0], group=self.group, **resource)


def module_tasks(shop, partner, instance, workdir):
    """(module, arguments) of each timed task. The arguments describe what ``shop`` and ``partner``
    (examples/service.yml and examples/gateway.yml, applied), the emulator's ``instance`` (its detail)
    and the SET_UP runs created, so each task changes nothing; names come from the examples."""
    env = shop.item("environments", "development")
    variable, value = next(iter(env["variables"].items()))
    api = shop.options("apis", "list_products")
    published = [a["name"] for a in shop.service["apis"] if env["name"] in a.get("publish", ())]
    policy, acl, sign, authorizer, channel, response, domain, app = (partner.item(family) for family in (
        "throttling_policies", "acl_policies", "signatures", "authorizers", "vpc_channels", "gateway_responses",
        "domains", "apps"))
    pem = pem_factory.make(domain["url_domain"], san=(domain["url_domain"],))
    export = os.path.join(workdir, "%s.json" % partner.group)
    feature = {"name": "app_secret", "enable": True, "config": "on"}  # gateway.yml's custom app_secret needs it
    in_shop, in_partner = {"group": shop.group}, {"group": partner.group}
    return [
        ("api_group", shop.service["group"]),
        ("api_group_info", {"name": shop.group}),
        ("environment", shop.options("environments", env["name"])),
        ("environment_info", {"name": env["name"]}),
        ("environment_variable", dict(in_shop, environment=env["name"], variable_name=variable,
                                      variable_value=value)),
        ("environment_variable_info", dict(in_shop, environment=env["name"])),
        ("api", api),
        ("api_info", dict(in_shop, name=api["name"])),
        ("api_publish", dict(in_shop, environment=env["name"], apis=published)),
        ("api_version_info", dict(in_shop, api=api["name"], environment=env["name"])),
        ("throttling_policy", partner.options("throttling_policies")),
        ("throttling_policy_info", {"name": policy["name"]}),
        ("throttling_binding", partner.binding("throttling_policies", throttling_policy=policy["name"])),
        ("acl_policy", partner.options("acl_policies")),
        ("acl_policy_info", {"acl_name": acl["acl_name"]}),
        ("acl_binding", partner.binding("acl_policies", acl_policy=acl["acl_name"])),
        ("signature", partner.options("signatures")),  # update_secret defaults to on_create
        ("signature_info", {"name": sign["name"]}),
        ("signature_binding", partner.binding("signatures", signature=sign["name"])),
        ("authorizer", partner.options("authorizers")),
        ("authorizer_info", {"name": authorizer["name"]}),
        ("vpc_channel", partner.options("vpc_channels")),
        ("vpc_channel_info", {"name": channel["name"]}),
        ("gateway_response", partner.options("gateway_responses")),
        ("gateway_response_info", dict(in_partner, name=response["name"])),
        ("domain", partner.options("domains")),
        ("domain_certificate", dict(in_partner, url_domain=domain["url_domain"], name="partners_cert",
                                    cert_content=pem.cert_content, private_key=pem.private_key)),
        ("app", partner.options("apps")),  # app_secret is never compared with an existing app's
        ("app_info", {"name": app["name"]}),
        ("app_code", {"app": app["name"], "app_code": app["app_codes"][0]}),
        ("app_authorization", partner.binding("apps", "authorizations", app=app["name"])),
        ("app_authorization_info", {"app": app["name"], "environment": app["authorizations"][0]["environment"]}),
        ("feature", feature),
        ("feature_info", {"name": feature["name"]}),
        ("instance", {key: instance[key] for key in ("id", "instance_name", "description", "maintain_begin",
                                                     "maintain_end", "loadbalancer_provider")}),
        ("instance_info", {"instance_name": instance["instance_name"]}),
        ("availability_zone_info", {}),
        ("outline_info", {}),
        ("quota_info", {}),
        ("tag_info", {}),
        ("statistics_info", in_partner),
        ("service_info", in_partner),
        ("openapi_export", dict(in_partner, define="dev", dest=export)),
        ("openapi_import", dict(in_partner, src=export)),  # imports only what differs from the group's export
    ]


def write_play(path, tasks, secrets):
    """A play of ``tasks`` on localhost, the example secrets (``apig_secrets``) in its variables."""
    with open(path, "w") as f:
        yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "vars": {"apig_secrets": secrets},
                         "tasks": tasks}], f)
    return path


RECAP = re.compile(r"^localhost\s*:.*\b(changed=\d+).*\b(unreachable=\d+).*\b(failed=\d+)", re.M)


def refuse_unless_converged(emulator, module, play):
    """Run ``play`` once (2: a task failed) and end the benchmark unless its PLAY RECAP counts no
    change and no failure; ``-v`` prints the task's result, which the message shows."""
    out = ansible_playbook(emulator, "-v", play, accept=(0, 2))
    counts = RECAP.search(out).groups()
    if any(not count.endswith("=0") for count in counts):
        raise SystemExit("huaweicloud.apig.%s is not converged (%s):\n%s" % (
            module, " ".join(counts), out[out.index("TASK ["):out.index("PLAY RECAP")].strip()[-3000:]))


PING = {"ansible.builtin.ping": {}}

# --compile-once: what the figures would be if Python compiled each file of the AnsiballZ zip once.
# Python's zip importer compiles a source file to learn its file name and then again to run it
# (CPython issue gh-141276, fix proposed in python/cpython#153799); this sitecustomize, put on the
# modules' PYTHONPATH for the benchmark only, keeps the first compiled code for the second call.
COMPILE_ONCE = """import zipimport
_compiled = {}
_get_module_code = zipimport._get_module_code


def _once(importer, fullname):
    key = (importer.archive, importer.prefix, fullname)
    if key not in _compiled:
        _compiled[key] = _get_module_code(importer, fullname)
    return _compiled[key]


zipimport._get_module_code = _once
"""
# Ping is timed again after every this many modules, and each module is compared with the mean of the
# two pings around it: ping's own time drifts by several percent over a run of some minutes.
PING_EVERY = 4


def bench_modules(repeat, compile_once=False):
    """A task's time: a play looping it ``repeat`` times less a play running it once, over
    ``repeat - 1`` (the playbook start-up cancels out); the faster of two tries each."""
    with Workdir() as work:
        emu = work.emulator
        if compile_once:
            os.mkdir(os.path.join(work.path, "compile_once"))
            with open(os.path.join(work.path, "compile_once", "sitecustomize.py"), "w") as f:
                f.write(COMPILE_ONCE)
            emu.extra_env["PYTHONPATH"] = os.path.join(work.path, "compile_once")
        shop, partner = Example(EXAMPLE_SERVICE), Example(EXAMPLE_GATEWAY)
        ansible_playbook(emu, "playbooks/apply_service.yml")
        ansible_playbook(emu, "playbooks/apply_service.yml", "-e", "@" + EXAMPLE_GATEWAY)
        tasks = module_tasks(shop, partner, emu.session().get(emu.base).json(), work.path)
        ansible_playbook(emu, write_play(os.path.join(work.path, "set_up.yml"), [
            {"huaweicloud.apig." + module: args} for module, args in tasks if module in SET_UP], partner.secrets))

        def play(task, times):
            return write_play(os.path.join(work.path, "play.yml"),
                              [dict(task, name="timed", loop="{{ range(%d) | list }}" % times)], partner.secrets)

        def play_seconds(task, times):
            path = play(task, times)
            return min(counted(emu, lambda: ansible_playbook(emu, path))[::-1] for _ in range(2))

        def seconds_per_task(task):
            once, sent = play_seconds(task, 1)
            seconds, _ = play_seconds(task, repeat)
            return (seconds - once) / (repeat - 1), sent

        pings, rows = [seconds_per_task(PING)[0]], []
        for start in range(0, len(tasks), PING_EVERY):
            block = []
            for module, args in tasks[start:start + PING_EVERY]:
                task = {"huaweicloud.apig." + module: args}
                refuse_unless_converged(emu, module, play(task, 1))
                block.append((module,) + seconds_per_task(task))
            pings.append(seconds_per_task(PING)[0])
            ping = (pings[-2] + pings[-1]) / 2
            rows += [("huaweicloud.apig." + module, "%.3f s per task  %.2fx ping  %d requests"
                      % (per_task, per_task / ping, sent)) for module, per_task, sent in block]
    rows.insert(0, ("ansible.builtin.ping", "%.3f-%.3f s per task (%d times, one before and one after every %d "
                    "modules; each module is compared with the mean of the two around it)"
                    % (min(pings), max(pings), len(pings), PING_EVERY)))
    report("Converged module tasks (seconds per task: a loop of %d less a single run, over %d)%s"
           % (repeat, repeat - 1, ", each zip file compiled once (--compile-once)" if compile_once else ""), rows)


# ---------------------------------------------------------------- emulator

def timed(call, times):
    """Median milliseconds of ``times`` calls."""
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def latencies(emu, session, group_id, count, times=30):
    def get(query):
        resp = session.get(emu.base + "/apis", params=query)
        assert resp.status_code == 200, resp.text
        return resp

    name = "api_%05d" % (count // 2)
    return {
        "list page (group, first page)": timed(lambda: get({"group_id": group_id, "limit": 20}), times),
        "list page (group, last page)": timed(
            lambda: get({"group_id": group_id, "limit": 20, "offset": max(count - 20, 0)}), times),
        "exact-name lookup": timed(lambda: get({"name": name, "precise_search": "name"}), times),
        "exact-name lookup in group": timed(
            lambda: get({"group_id": group_id, "name": name, "precise_search": "name"}), times),
    }


def creates_per_second(emu, session, group_id, names):
    return len(names) / create_apis(emu, session, group_id, names, clients=1)


def throughput(emu, group_id, count, seconds=10):
    """Requests per second of 20 clients each alternating a list page and a name lookup."""
    done = [0] * CLIENTS
    stop = time.monotonic() + seconds

    def worker(index):
        own = emu.session()
        i = index
        while time.monotonic() < stop:
            query = ({"group_id": group_id, "limit": 20, "offset": (i * 20) % max(count, 1)} if i % 2
                     else {"name": "api_%05d" % (i % count), "precise_search": "name"})
            own.get(emu.base + "/apis", params=query).raise_for_status()
            done[index] += 1
            i += CLIENTS

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / seconds


def bench_emulator(large, small=100, sample=100):
    with Workdir() as work:
        emu = work.emulator
        session = emu.session()
        group = session.post(emu.base + "/api-groups", json={"name": "bench_emulator"}).json()
        names = ["api_%05d" % i for i in range(large + 2 * sample)]
        create_apis(emu, session, group["id"], names[:small - sample], clients=1)
        small_rate = creates_per_second(emu, session, group["id"], names[small - sample:small])
        small_lat = latencies(emu, session, group["id"], small)
        fill_seconds = create_apis(emu, session, group["id"], names[small:large - sample])
        fill_rate = (large - sample - small) / fill_seconds
        large_rate = creates_per_second(emu, session, group["id"], names[large - sample:large])
        large_lat = latencies(emu, session, group["id"], large)
        reads = throughput(emu, group["id"], large)
    rows = [(label, "%7.2f ms  %7.2f ms  %5.2fx" % (small_lat[label], large_lat[label],
                                                     large_lat[label] / small_lat[label])) for label in small_lat]
    rows.append(("creates/s, 1 client", "%7.1f     %7.1f     %5.2fx" % (small_rate, large_rate,
                                                                         large_rate / small_rate)))
    rows.append(("creates/s, %d clients (filling %d-%d)" % (CLIENTS, small, large - sample), "%.1f" % fill_rate))
    rows.append(("reads/s, %d clients at %d APIs" % (CLIENTS, large), "%.1f" % reads))
    report("Emulator, one group (median of 30; columns: %d APIs, %d APIs, ratio)" % (small, large), rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="service,publish,modules,emulator",
                        help="sections, comma-separated: %(default)s")
    parser.add_argument("--service-sizes", default="14,200", help="API counts of the service runs")
    parser.add_argument("--publish-sizes", default="14,200,1200", help="API counts of the api_publish runs")
    parser.add_argument("--repeat", type=int, default=10, help="loop length of each timed module task")
    parser.add_argument("--compile-once", action="store_true",
                        help="modules section: compile each file of the modules' zip once (see COMPILE_ONCE)")
    parser.add_argument("--apis", type=int, default=10000, help="emulator size for the large measurements")
    args = parser.parse_args()
    sizes = lambda text: [int(n) for n in text.split(",") if n]  # noqa: E731
    runs = {
        "service": lambda: bench_service(sizes(args.service_sizes)),
        "publish": lambda: bench_publish(sizes(args.publish_sizes)),
        "modules": lambda: bench_modules(args.repeat, args.compile_once),
        "emulator": lambda: bench_emulator(args.apis),
    }
    print("huaweicloud.apig benchmark: %d CPUs, load average %.2f, Python %s" % (
        os.cpu_count(), os.getloadavg()[0], sys.version.split()[0]))
    for name in args.only.split(","):
        if name not in runs:
            parser.error("unknown section %r" % name)
        runs[name]()


if __name__ == "__main__":
    main()
