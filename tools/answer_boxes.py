"""Write the expected answers of lib.exercises into _static/answer-box.js (the static page's
answer boxes compare with them, with no network).

    python tools/answer_boxes.py

Run it after changing lib.exercises or the data an exercise uses; tests/test_self_check.py
fails while the file is out of date.

The block ``/* ANSWERS */ ... /* END ANSWERS */`` holds the English questions and hints. If
the script also has ``/* ANSWERS ko */ ... /* END ANSWERS ko */`` and ``/* WORDS ko */ ...
/* END WORDS ko */``, they get the Korean questions and hints (lib.i18n.KOREAN) and the
box's own Korean words, for the Korean pages (``<html lang="ko">``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lib import exercises
from lib.i18n import KOREAN

SCRIPT = Path(__file__).resolve().parents[1] / "_static" / "answer-box.js"

# The answer box's own words on Korean pages, the keys of WORDS in the script ({asks},
# {count}, {numbers}, {which}, {hint} are filled in by the script).
WORDS_KO = {
    "check": "답 확인 — {asks}:",
    "button": "확인",
    "numbers_only": "숫자만 입력하세요 (예: 0.25, 1/4 또는 3, 5).",
    "right": "정답입니다.",
    "count": "아직 아닙니다: 수 {count}개가 필요합니다: {asks}.",
    "which": " ({count}개 중 {numbers}번째 수)",
    "hint": "아직 아닙니다{which}. 힌트: {hint}",
}


def _block(name: str) -> re.Pattern:
    return re.compile(rf"(/\* {name} \*/).*?(/\* END {name} \*/)", re.S)


def answers(language: str = "en") -> dict:
    """Each self-check's question, expected answer, tolerances and hint, in ``language``."""
    text = (lambda s: KOREAN.get(s, s)) if language == "ko" else (lambda s: s)
    return {
        label: {
            "asks": text(spec.asks),
            "expected": exercises.expected(label).tolist(),
            "rtol": spec.rtol,
            "atol": spec.atol,
            "hint": text(spec.hint),
        }
        for label, spec in sorted(exercises.CHECKS.items())
    }


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    text = SCRIPT.read_text()
    blocks = {"ANSWERS": answers(), "ANSWERS ko": answers("ko"), "WORDS ko": WORDS_KO}
    written = []
    for name, data in blocks.items():
        pattern = _block(name)
        if pattern.search(text):
            text = pattern.sub(lambda m, d=data: m[1] + _json(d) + m[2], text, count=1)
            written.append(name)
    SCRIPT.write_text(text)
    print(f"{SCRIPT}: {len(exercises.CHECKS)} answer boxes ({', '.join(written)})")


if __name__ == "__main__":
    main()
