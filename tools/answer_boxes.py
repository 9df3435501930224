"""Write the expected answers of lib.exercises into _static/answer-box.js (the static page's
answer boxes compare with them, with no network).

    python tools/answer_boxes.py

Run it after changing lib.exercises or the data an exercise uses; tests/test_self_check.py
fails while the file is out of date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lib import exercises

SCRIPT = Path(__file__).resolve().parents[1] / "_static" / "answer-box.js"
_BLOCK = re.compile(r"(/\* ANSWERS \*/).*?(/\* END ANSWERS \*/)", re.S)


def answers() -> dict:
    return {
        label: {
            "asks": spec.asks,
            "expected": exercises.expected(label).tolist(),
            "rtol": spec.rtol,
            "atol": spec.atol,
            "hint": spec.hint,
        }
        for label, spec in sorted(exercises.CHECKS.items())
    }


def main() -> None:
    data = json.dumps(answers(), ensure_ascii=False, separators=(",", ":"))
    text = SCRIPT.read_text()
    SCRIPT.write_text(_BLOCK.sub(lambda m: m[1] + data + m[2], text, count=1))
    print(f"{SCRIPT}: {len(exercises.CHECKS)} answer boxes")


if __name__ == "__main__":
    main()
