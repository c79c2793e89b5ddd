"""Partitions of the MQTT ingest workers: every device belongs to exactly one, the same everywhere."""

from __future__ import annotations

import zlib
from collections import Counter

import pytest

from ohs.monitoring.config import WHOLE, Partition, shared_subscription, topic_device
from ohs.monitoring.tests.factories import unique_code


def test_parse_reads_k_of_n_and_refuses_what_does_not_exist() -> None:
    assert Partition.parse("2/3") == Partition(2, 3)
    assert Partition.parse("1/1") == WHOLE
    for text in ("0/2", "3/2", "2", "1-2", "a/b", "/2"):
        with pytest.raises(ValueError, match="partition"):
            Partition.parse(text)


def test_every_device_has_exactly_one_owner_and_the_load_is_shared() -> None:
    codes = [unique_code() for _ in range(3000)]
    partitions = [Partition(k, 3) for k in (1, 2, 3)]
    owners: Counter[int] = Counter()
    for code in codes:
        (owner,) = [p.index for p in partitions if p.owns(code)]
        owners[owner] += 1
    assert all(800 < owners[k] < 1200 for k in (1, 2, 3)), owners
    assert all(WHOLE.owns(code) for code in codes)


def test_ownership_is_a_crc32_of_the_code_not_python_hash() -> None:
    # The same on every worker and after every restart: Python salts str hashes per process.
    code = "3301061234567890ABCDEF01"
    owner = zlib.crc32(code.encode()) % 4 + 1
    assert Partition(owner, 4).owns(code)
    assert not any(Partition(k, 4).owns(code) for k in (1, 2, 3, 4) if k != owner)


def test_each_partition_subscribes_in_a_share_group_of_its_own() -> None:
    assert WHOLE.group("ingest") == "ingest"
    assert Partition(2, 3).group("ingest") == "ingest.2of3"
    assert shared_subscription("ohs", Partition(2, 3).group("ingest")) == "$share/ingest.2of3/ohs/devices/+/readings"
    assert topic_device("ohs/devices/ABC/readings") == "ABC"
    assert topic_device("nonsense") == ""
