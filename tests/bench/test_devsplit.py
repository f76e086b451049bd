"""bench/devsplit.py: stable tune/check halves by a hash of record ids."""

from __future__ import annotations

import hashlib
import json

import pytest

from bench import devsplit


def test_half_is_the_parity_of_the_first_sha256_byte():
    for record_id in ["a", "e", "bbc-business-363", "politics-dev-1", "58A3656B"]:
        first = hashlib.sha256(record_id.encode()).digest()[0]
        assert devsplit.half(record_id) == ("tune" if first % 2 == 0 else "check")
    assert [devsplit.half(i) for i in "abcdefgh"] == ["tune"] * 4 + ["check"] * 3 + ["tune"]


def test_split_is_a_partition_in_input_order_and_balanced():
    records = [{"id": f"doc-{i}"} for i in range(1000)]
    tune, check = devsplit.split(records)
    assert len(tune) + len(check) == 1000
    assert {r["id"] for r in tune}.isdisjoint({r["id"] for r in check})
    assert tune == sorted(tune, key=records.index) and check == sorted(check, key=records.index)
    assert 450 < len(tune) < 550
    assert all(devsplit.half(r["id"]) == "tune" for r in tune)


def test_a_record_keeps_its_half_whatever_else_is_in_the_set():
    alone = devsplit.split([{"id": "x-17"}])
    crowd = devsplit.split([{"id": f"y-{i}"} for i in range(50)] + [{"id": "x-17"}])
    side = 0 if alone[0] else 1
    assert {"id": "x-17"} in crowd[side] and {"id": "x-17"} not in crowd[1 - side]


def test_key_function_and_ids_of(tmp_path):
    records = [{"uid": str(i)} for i in range(20)]
    tune, check = devsplit.split(records, key=lambda r: r["uid"])
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert devsplit.ids_of(path, key="uid", which="check") == [r["uid"] for r in check]
    assert devsplit.ids_of(path, key="uid") == [r["uid"] for r in tune]
    with pytest.raises(ValueError, match="tune, check"):
        devsplit.ids_of(path, key="uid", which="dev")
