"""Benchmark: employers booking the last places of one exam day at the same moment.

Builds a fresh PostgreSQL database (OHS_BOOKING_LOAD_DATABASE_URL or DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/ohs_booking_load — it is dropped and recreated), serves the
platform with gunicorn, and fires one booking request per employer over HTTP, all released at
once. Prints bookings/s, requests/s and the overbooked count (must be 0).

    uv run python bench/exam_booking.py [--employers 200] [--capacity 130] [--taken 100]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ohs.exams.tests.booking_load import DEFAULT_DATABASE_URL, run_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employers", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=130)
    parser.add_argument("--taken", type=int, default=100, help="places already booked before the rush")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    url = os.environ.get("OHS_BOOKING_LOAD_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith("postgres"):
        raise SystemExit("this benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    report = run_load(
        url,
        employers=args.employers,
        capacity=args.capacity,
        taken=args.taken,
        workers=args.workers,
        threads=args.threads,
    )
    print(f"requests: {report.requests} at once; free places: {report.capacity - report.taken_before}")
    print(f"answers: {report.statuses} codes: {report.codes}")
    print(f"booked: {report.booked}/{report.capacity} places; bookings written: {report.bookings}")
    print(f"time: {report.seconds:.2f} s; requests/s: {report.requests / report.seconds:.1f}")
    print(f"bookings/s: {report.bookings_per_second:.1f}")
    print(f"overbooked: {report.overbooked}")


if __name__ == "__main__":
    main()
