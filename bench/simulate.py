"""Benchmark the port traffic simulator: messages/s and MB/s of generation and rendering.

    python bench/simulate.py [--vessels 10] [--days 1] [--seed 1] [--version D00B] [--workers 1]

Prints the time of each phase (flows, batching into interchanges, EDIFACT rendering) and
the throughput of the whole run; nothing is written to disk.
"""

from __future__ import annotations

import argparse
import time

from eport.simulation.render import Rendering
from eport.simulation.simulator import SimulationSettings, render_traffic, simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vessels", type=int, default=10, help="vessel calls per day")
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--version", choices=("D95B", "D00B"), default="D00B")
    parser.add_argument("--workers", type=int, default=1, help="rendering processes")
    args = parser.parse_args()
    settings = SimulationSettings(vessels=args.vessels, days=args.days, seed=args.seed)

    began, cpu_began = time.perf_counter(), time.process_time()
    traffic = simulate(settings)
    simulated, cpu_simulated = time.perf_counter(), time.process_time()
    rendering = Rendering(version=args.version)
    interchanges = messages = size = 0
    for rendered in render_traffic(traffic, rendering, args.workers):
        interchanges += 1
        messages += rendered.message_count
        size += len(rendered.data)
    done, cpu_done = time.perf_counter(), time.process_time()

    total = done - began
    print(
        f"{len(traffic.calls)} vessel calls, {len(traffic.dispatches)} messages simulated "
        f"in {len(traffic.batches)} interchanges"
    )
    # CPU seconds of this process, next to wall-clock ones: on a shared machine the wall
    # clock measures the neighbours too (workers' CPU is not counted in it).
    print(
        f"flows and batching: {simulated - began:6.2f} s wall, "
        f"{cpu_simulated - cpu_began:6.2f} s CPU "
        f"({len(traffic.dispatches) / (simulated - began):,.0f} messages/s)"
    )
    print(
        f"EDIFACT rendering:  {done - simulated:6.2f} s wall, "
        f"{cpu_done - cpu_simulated:6.2f} s CPU in the main process "
        f"({messages / max(done - simulated, 1e-9):,.0f} messages/s)"
    )
    print(
        f"total:              {total:6.2f} s: {messages:,} messages in {interchanges:,} "
        f"interchanges, {size / 1e6:.1f} MB; {messages / total:,.0f} messages/s, "
        f"{size / 1e6 / total:.2f} MB/s"
    )
    if rendering.skipped:
        skipped = ", ".join(f"{t} {n}" for t, n in sorted(rendering.skipped.items()))
        print(f"not rendered (no translator): {skipped}")


if __name__ == "__main__":
    main()
