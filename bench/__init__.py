"""Warta bench: synthetic corpus (synth), measurements (measure), scale checks (checks).

Run as ``python -m bench`` (``make bench``); results go to build/bench.json.
"""
