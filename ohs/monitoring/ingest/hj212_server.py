"""HJ 212-2017 over TCP: an asyncio listener that frames, checks, stores and answers.

Per connection: ``StreamDecoder`` frames the byte stream; a framing error or a packet that fails
its CRC or its syntax goes to the dead letters with the reason; a good packet's values are
matched by (MN, factor code) to the device's channels, stored through the one pipeline, and only
then answered as §6.5 requires (e.g. 9014 for an upload with Flag bit A). The database work runs
in one worker thread, so the event loop keeps serving every other station meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections
from django.utils import timezone

from ohs.monitoring.choices import Transport
from ohs.monitoring.ingest.pipeline import Envelope, Pipeline, RawReading, Refusal, record_refusals
from ohs.monitoring.rules.hj212 import (
    FramingError,
    Packet,
    PacketError,
    StreamDecoder,
    encode_packet,
    extract_values,
    parse_frame,
    plan_replies,
)

log = logging.getLogger(__name__)
READ_CHUNK_BYTES = 4096
IDLE_TIMEOUT_SECONDS = 300  # a station reports at least every few minutes; a silent socket is dead
STORED_SUFFIXES = ("Rtd", "Avg")  # real-time value, or the period's mean for minute/hour data (table 4)


def envelope_of(packet: Packet, peer: str, raw: bytes) -> Envelope:
    """The packet's values as a batch of readings of device MN (unit: the channel's own)."""
    readings = [
        RawReading(v.code, v.value, None, v.measured_at, v.data_flag or "N")
        for v in extract_values(packet)
        if v.suffix in STORED_SUFFIXES and v.measured_at is not None
    ]
    text = raw.decode("utf-8", "replace")
    return Envelope(Transport.HJ212, peer, text, packet.mn, readings, password=packet.pw)


def _refusal(item: FramingError | PacketError, peer: str) -> Refusal:
    text = item.raw.decode("utf-8", "replace")
    field = getattr(item, "field", "")
    return Refusal(Transport.HJ212, peer, text, str(item.reason), item.message, field)


class Hj212Handler:
    """Handles frames for all connections; ``run_db`` executes the blocking database work."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hj212-db")

    async def run_db(self, work: Callable[[], object]) -> object:
        return await asyncio.get_running_loop().run_in_executor(self.executor, work)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = "{}:{}".format(*writer.get_extra_info("peername")[:2])
        decoder = StreamDecoder()
        try:
            while chunk := await asyncio.wait_for(reader.read(READ_CHUNK_BYTES), IDLE_TIMEOUT_SECONDS):
                for item in decoder.feed(chunk):
                    await self._item(item, peer, writer)
            for item in decoder.finish():
                await self._item(item, peer, writer)
        except (TimeoutError, ConnectionError):
            pass
        except Exception:  # one station's bad bytes never take the listener down
            log.exception("HJ 212 connection from %s failed", peer)
        finally:
            writer.close()

    async def _item(self, item: object, peer: str, writer: asyncio.StreamWriter) -> None:
        if isinstance(item, FramingError):
            await self.run_db(lambda: _dead_letter(_refusal(item, peer)))
            return
        packet = parse_frame(item)  # type: ignore[arg-type]
        if isinstance(packet, PacketError):
            await self.run_db(lambda: _dead_letter(_refusal(packet, peer)))
            return
        envelope = envelope_of(packet, peer, item.raw)  # type: ignore[attr-defined]
        if envelope.readings or packet.cn.startswith("2"):
            await self.run_db(lambda: self.pipeline.ingest([envelope]))
        for reply in plan_replies(packet, now=timezone.now()).replies:
            writer.write(encode_packet(reply))
        await writer.drain()


def _dead_letter(refusal: Refusal) -> None:
    close_old_connections()
    record_refusals([refusal])


async def serve(pipeline: Pipeline, host: str, port: int, ready: Callable[[int], None] | None = None) -> None:
    """Listen until cancelled; ``ready`` gets the bound port (0 asks the system for one)."""
    handler = Hj212Handler(pipeline)
    server = await asyncio.start_server(handler.handle, host, port)
    bound = server.sockets[0].getsockname()[1]
    log.info("HJ 212 listener on %s:%s", host, bound)
    if ready is not None:
        ready(bound)
    async with server:
        await server.serve_forever()
