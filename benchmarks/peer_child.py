"""Launch a peer Textual app headless and print its first-paint / ready times as JSON.

Run by `benchmarks.paint` with the peers' own interpreter (they pin older Textual releases, so
they live in a separate virtual environment); imports nothing from this project.
Usage: python peer_child.py toolong|frogmouth FILE
"""

import time

T0 = time.perf_counter()
C0 = time.process_time()

import asyncio  # noqa: E402 - after the clocks start
import json  # noqa: E402 - after the clocks start
import sys  # noqa: E402 - after the clocks start

SIZE = (120, 36)


async def main(module: str, path: str) -> dict:
    result: dict[str, float] = {}
    if module == "toolong":
        from toolong.ui import UI

        app = UI([path], merge=False)
    else:
        from argparse import Namespace

        from frogmouth.app.app import MarkdownViewer

        app = MarkdownViewer(Namespace(file=[path]))
    async with app.run_test(size=SIZE) as pilot:
        result["paint"] = time.perf_counter() - T0
        await app.workers.wait_for_complete()
        await pilot.pause()
        result["ready"] = time.perf_counter() - T0
        result["ready_cpu"] = time.process_time() - C0
    return result


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2]))))
