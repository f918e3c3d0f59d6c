"""Per-call time of two detector versions, interleaved in one process.

    PYTHONPATH=/tmp/old .venv/bin/python -m benchmarks.langid.percall old_language_module

The machine is shared, so the two versions are timed in alternating rounds
over the same texts (the development set, data/, short and two-word: timing
needs no held-out texts), and medians are compared; lingua's models are
process-global, so both use the same ones.
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import time

from benchmarks.langid.corpus import KINDS, load

ROUNDS = 7


def main(argv: list[str]) -> int:
    before_name = argv[0] if argv else "hotline_language_base"
    modules = {
        "before": importlib.import_module(before_name),
        "after": importlib.import_module("hotline.intake.language"),
    }
    from hotline.intake.languages import ALL_LANGUAGES

    enabled = list(ALL_LANGUAGES)
    for module in modules.values():
        module.warm_up(enabled)
    texts = load().texts["dev"]
    result = {}
    clock = time.perf_counter_ns
    from hotline.intake.languages import LANGUAGE_SCRIPTS

    groups = {kind: [t for items in texts[kind].values() for t in items] for kind in KINDS}
    for script in sorted(set(LANGUAGE_SCRIPTS.values())):
        groups[f"short {script}"] = [
            t for code, items in texts["short"].items() if LANGUAGE_SCRIPTS[code] == script for t in items
        ]
    for group, flat in groups.items():
        samples: dict[str, list[float]] = {name: [] for name in modules}
        for _ in range(ROUNDS if group in KINDS else 3):
            for name, module in modules.items():
                detect = module.detect_language
                for text in flat:
                    start = clock()
                    detect(text, enabled)
                    samples[name].append((clock() - start) / 1000)
        result[group] = {name: round(statistics.median(v), 1) for name, v in samples.items()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
