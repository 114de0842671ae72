"""The publishing tests reuse the engine tests' in-memory API (tests/unit/engine/engine_fakes.py)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "engine"))
