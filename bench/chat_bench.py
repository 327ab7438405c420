"""Chat load: N members in one room, python-socketio clients in this process (asyncio), the
server in other processes. Measures, while members send:

- throughput: delivered messages per second with 10 members sending as fast as their acks allow;
- latency: delivery p50/p99 at a steady 20 messages per second in total (each body carries its
  send time; every receiving member records now - then);
- server CPU time per delivered message (utime+stime of the server processes and their
  children from /proc, over each phase).

    .venv/bin/python bench/chat_bench.py --url http://127.0.0.1:5101 --bare --members 50 --server-pid PID
    .venv/bin/python bench/chat_bench.py --url http://127.0.0.1:5001 --url2 http://127.0.0.1:5002 \
        --tokens-file /tmp/tokens.txt --room condition:bench --members 200 --server-pid P1,P2

With --url2, every other member connects to the second server (Redis between them).
Needs the packages in bench/requirements.txt (aiohttp for the asyncio WebSocket client).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import socketio

TICKS = os.sysconf("SC_CLK_TCK")
RETRIES = {"connect": 0}


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    out.append(int(entry))
            except OSError:
                continue
    return out


def cpu_seconds(pids: list[int]) -> float:
    """utime+stime of the given processes and all their descendants (gunicorn workers)."""
    total, seen, todo = 0.0, set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
        except OSError:
            continue
        todo.extend(_children(pid))
    return total


@dataclass
class Member:
    client: socketio.AsyncClient
    latencies: list[float] = field(default_factory=list)
    received: int = 0


async def connect(url: str, token: str | None, room: str, record: dict[str, bool]) -> Member:
    client = socketio.AsyncClient(reconnection=False)
    member = Member(client)

    async def on_message(msg: dict[str, Any]) -> None:
        member.received += 1
        if record["on"]:
            try:
                sent_at = json.loads(msg["body"].split("|", 1)[1])["t"]
            except (IndexError, ValueError, KeyError):
                return
            member.latencies.append(time.time() - sent_at)

    client.on("message", on_message, namespace="/chat")
    for attempt in range(3):   # a handshake lost in the arrival burst is retried, and counted
        try:
            await client.connect(url, namespaces=["/chat"], auth={"token": token} if token else None,
                                 transports=["websocket"], wait_timeout=20)
            break
        except socketio.exceptions.ConnectionError:
            RETRIES["connect"] += 1
            if attempt == 2:
                raise
            await asyncio.sleep(1)
    ack = await client.call("join", {"room": room}, namespace="/chat", timeout=30)
    if not ack.get("ok"):
        raise SystemExit(f"join failed: {ack}")
    return member


def body(seq: int) -> str:
    return f"bench message {seq} about pacing and good days|" + json.dumps({"t": time.time()})


async def send(member: Member, room: str, seq: int) -> bool:
    ack = await member.client.call("send", {"room": room, "body": body(seq), "client_id": uuid.uuid4().hex},
                                   namespace="/chat", timeout=30)
    return bool(ack.get("ok"))


async def run(args: argparse.Namespace) -> dict[str, Any]:
    tokens: list[str | None] = [None] * args.members
    if not args.bare:
        with open(args.tokens_file) as f:
            tokens = [line.strip() for line in f if line.strip()][: args.members]
        if len(tokens) < args.members:
            raise SystemExit(f"{args.tokens_file} has {len(tokens)} tokens, need {args.members}")
    urls = [args.url] + ([args.url2] if args.url2 else [])
    record = {"on": False}
    members: list[Member] = []
    for i in range(0, args.members, 25):   # connect in batches: a burst of 200 handshakes is not the test
        batch = [connect(urls[j % len(urls)], tokens[j], args.room, record) for j in range(i, min(i + 25, args.members))]
        members += await asyncio.gather(*batch)
    pids = [int(p) for p in args.server_pid.split(",")] if args.server_pid else []
    await asyncio.sleep(1)

    def delivered() -> int:
        return sum(m.received for m in members)

    # Phase 1: steady 20 messages per second in total, latency recorded.
    senders = members[: min(10, len(members))]
    record["on"] = True
    cpu0, got0 = cpu_seconds(pids), delivered()
    interval, n_msgs = 1.0 / args.rate, int(args.rate * args.seconds)
    start = time.perf_counter()
    tasks = []
    for k in range(n_msgs):
        delay = start + k * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(senders[k % len(senders)], args.room, k)))
    await asyncio.gather(*tasks)
    await asyncio.sleep(2)   # let the last deliveries land
    record["on"] = False
    steady_deliveries = delivered() - got0
    steady_cpu = cpu_seconds(pids) - cpu0
    lat = sorted(x for m in members for x in m.latencies)

    # Phase 2: as fast as the acks allow, 10 senders.
    async def hammer(m: Member, until: float) -> int:
        n = 0
        while time.perf_counter() < until:
            await send(m, args.room, n)
            n += 1
        return n

    await asyncio.sleep(1)
    cpu1, got1, t1 = cpu_seconds(pids), delivered(), time.perf_counter()
    sent = sum(await asyncio.gather(*(hammer(m, t1 + args.seconds) for m in senders)))
    await asyncio.sleep(2)
    max_deliveries = delivered() - got1
    elapsed = time.perf_counter() - t1 - 2
    max_cpu = cpu_seconds(pids) - cpu1
    for m in members:
        await m.client.disconnect()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {
        "members": args.members, "processes": len(urls),
        "steady_expected": n_msgs * args.members, "steady_delivered": steady_deliveries,
        "p50_ms": pct(0.50), "p99_ms": pct(0.99),
        "steady_cpu_us_per_delivery": steady_cpu / steady_deliveries * 1e6 if steady_deliveries and pids else float("nan"),
        "max_sent": sent, "max_delivered_per_s": max_deliveries / elapsed,
        "max_cpu_us_per_delivery": max_cpu / max_deliveries * 1e6 if max_deliveries and pids else float("nan"),
        "connect_retries": RETRIES["connect"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", required=True)
    ap.add_argument("--url2")
    ap.add_argument("--room", default="condition:bench")
    ap.add_argument("--members", type=int, default=50)
    ap.add_argument("--tokens-file")
    ap.add_argument("--bare", action="store_true", help="no auth (the bare server)")
    ap.add_argument("--server-pid", default="", help="server pid(s), comma-separated, for CPU time")
    ap.add_argument("--rate", type=float, default=20.0, help="messages per second in the latency phase")
    ap.add_argument("--seconds", type=float, default=15.0, help="length of each phase")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    r = asyncio.run(run(args))
    print(json.dumps(r))
    lost = r["steady_expected"] - r["steady_delivered"]
    print(f"| {args.label} | {r['members']} | {r['processes']} | {r['max_delivered_per_s']:,.0f} | "
          f"{r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['steady_cpu_us_per_delivery']:.1f} µs | "
          f"{r['max_cpu_us_per_delivery']:.1f} µs | {lost} |")


if __name__ == "__main__":
    main()
