"""Throughput: parse + MIG validation must run at least 3x pydifact's bare parse.

Run alone for figures: `pytest tests/edifact/test_validate_speed.py -s -m slow`.
The corpus is generated like the golden samples: CODECO gate reports with a few containers
each and BAPLIE bayplans with hundreds of cells, all valid, with valid container numbers.
"""

from __future__ import annotations

import random
import time
import warnings
from collections.abc import Callable

import pytest

from eport.edifact.codecheck_iso6346 import check_digit
from eport.edifact.validate import validate_bytes

pytestmark = pytest.mark.slow


def container(rnd: random.Random) -> str:
    first = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) + "U"
    first += f"{rnd.randrange(10**6):06d}"
    return first + str(check_digit(first))


def codeco(rnd: random.Random, ref: int) -> list[str]:
    segments = [
        f"UNH+{ref}+CODECO:D:95B:UN:ITG14",
        f"BGM+34+GI{ref:06d}+9",
        "TDT+1++3+31++++TRUCKCO:172:ZZZ",
        "NAD+MS+TERMINALA:160:ZZZ",
        "NAD+CF+CARRIERX:160:ZZZ",
    ]
    count = rnd.randint(1, 6)
    for _ in range(count):
        segments += [
            f"EQD+CN+{container(rnd)}+45G1:102:5++2+5",
            f"RFF+BN:BK{rnd.randrange(10**7):07d}",
            f"DTM+7:20260127{rnd.randrange(24):02d}{rnd.randrange(60):02d}:203",
            "LOC+7+CNSHA:139:6",
            f"MEA+AAE+G+KGM:{rnd.randint(2000, 30000)}",
            f"SEL+SL{rnd.randrange(10**6):06d}+CA",
            "TDT+1++3+31++++TRK77",
        ]
    segments.append(f"CNT+16:{count}")
    segments.append(f"UNT+{len(segments) + 1}+{ref}")
    return segments


def baplie(rnd: random.Random, cells: int) -> list[str]:
    segments = [
        "UNH+1+BAPLIE:D:95B:UN:SMDG20",
        "BGM++BP0001+9",
        "DTM+137:2601272200:201",
        "TDT+20+026E+++CARRIERX:172:20+++9321483:146:11:MSC ANNA",
        "LOC+5+CNSHA:139:6",
        "LOC+61+NLRTM:139:6",
        "DTM+178:2601272200:201",
        "DTM+136:2601281800:201",
    ]
    for _ in range(cells):
        bay, row, tier = rnd.randrange(1, 40), rnd.randrange(20), rnd.randrange(2, 92)
        segments += [
            f"LOC+147+0{bay:02d}{row:02d}{tier:02d}::5",
            "FTX+AAA+++FAK",
            f"MEA+WT++KGM:{rnd.randint(2000, 30000)}",
            "LOC+9+CNSHA",
            "LOC+11+NLRTM",
            "RFF+BM:1",
            f"EQD+CN+{container(rnd)}+45G1+++5",
            "NAD+CA+MSC:172:20",
        ]
    segments.append(f"UNT+{len(segments) + 1}+1")
    return segments


def interchange(ref: int, messages: list[list[str]]) -> bytes:
    body = "".join(s + "'\n" for m in messages for s in m)
    return (
        f"UNA:+.? '\nUNB+UNOA:2+SENDER+RECEIVER+260127:0800+{ref}'\n{body}"
        f"UNZ+{len(messages)}+{ref}'\n"
    ).encode()


def corpus(seed: int = 7) -> list[bytes]:
    rnd = random.Random(seed)
    files = [
        interchange(k, [codeco(rnd, j) for j in range(1, rnd.randint(2, 12))]) for k in range(150)
    ]
    files += [interchange(1000 + k, [baplie(rnd, rnd.randint(300, 900))]) for k in range(2)]
    return files


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def test_parse_and_validate_is_three_times_pydifact() -> None:
    pydifact = pytest.importorskip("pydifact.segmentcollection")
    files = corpus()
    size = sum(map(len, files)) / 1e6
    assert all(validate_bytes(f) == [] for f in files)  # valid corpus, warms the caches

    def ours() -> None:
        for f in files:
            validate_bytes(f)

    def theirs() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for f in files:
                pydifact.Interchange.from_str(f.decode())

    mine, reference = best_of(3, ours), best_of(2, theirs)
    print(
        f"\ncorpus {size:.2f} MB: parse+validate {size / mine:.2f} MB/s, "
        f"pydifact parse {size / reference:.2f} MB/s, ratio {reference / mine:.1f}x"
    )
    assert reference / mine >= 3.0
