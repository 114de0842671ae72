"""Stand-in for the get-pip bootstrap script that ansible-test downloads.

ansible-test creates an empty virtual environment per sanity test and fetches
``get-pip-<version>.py`` from a host outside the package registries to put pip
in it. Where that host is unreachable, ``tests/sanity/run`` copies this file into
ansible-test's cache under the expected name: it installs the interpreter's own
bundled pip with ``ensurepip`` and then runs ``pip install`` with the arguments
get-pip would have taken, so the packages still come from the package index.
"""
import subprocess
import sys

# get-pip's own flags; plain pip install does not know them.
GET_PIP_ONLY_FLAGS = {"--no-setuptools", "--no-wheel"}

# In a child process: ensurepip points PIP_CONFIG_FILE at os.devnull in its own
# process, which would hide the machine's pip configuration from the install below.
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
args = [a for a in sys.argv[1:] if a not in GET_PIP_ONLY_FLAGS]
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install", "--quiet"] + args))
