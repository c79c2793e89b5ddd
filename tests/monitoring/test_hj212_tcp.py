"""HJ 212-2017 over a plain TCP socket: a real-time upload is stored and answered with 9014;
a packet with a wrong CRC is not answered and lands in the dead letters with its reason."""

from __future__ import annotations

import socket

from django.utils import timezone

from ohs.monitoring.rules.hj212 import Packet, parse_packet
from ohs.monitoring.simulator import hj212_packet
from tests.monitoring.conftest import Platform, free_port, stop, wait_for_line


def test_raw_hj212_packets_over_tcp(platform: Platform) -> None:
    port = free_port()
    listener = platform.manage("run_hj212", "--port", str(port))
    try:
        wait_for_line(listener, "HJ 212 listener")
        before = platform.count_readings()
        now = timezone.now().replace(microsecond=0)
        good = hj212_packet(platform.device_code, "123456", [{"channel": "a34001", "value": 3.2},
                                                             {"channel": "LA", "value": 84.5}], now)  # fmt: skip
        bad = hj212_packet(platform.device_code, "123456", [{"channel": "a34001", "value": 3.3}], now)
        bad = bad[:-6] + b"0000\r\n"
        with socket.create_connection(("127.0.0.1", port), timeout=10) as station:
            station.sendall(good)
            reply = parse_packet(station.recv(1024))
            station.sendall(bad)
        assert isinstance(reply, Packet) and (reply.cn, reply.st) == ("9014", "91")
        assert platform.count_readings() == before + 2
        assert platform.wait_for(
            lambda: (
                platform.query("SELECT reason FROM monitoring_deadletter WHERE transport = 'hj212'")
                == [("crc_mismatch",)]
            )
        )
    finally:
        stop(listener)
