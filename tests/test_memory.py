"""The memory budget: sizes parsed as the options take them, and what the budget bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.errors import OptionError
from crosswire.memory import MIN_WORKER_BYTES, MemoryBudget, parse_size


def test_sizes_are_read_in_the_units_people_write() -> None:
    assert parse_size("4GB", "--memory") == 4 * 1024**3
    assert parse_size("512m", "--memory") == 512 * 1024**2
    assert parse_size("1.5GiB", "--memory") == int(1.5 * 1024**3)
    assert parse_size("200K", "--max-size") == 200 * 1024
    assert parse_size("1000", "--memory") == 1000
    for bad in ("lots", "", "-1GB", "0"):
        with pytest.raises(OptionError, match="--memory"):
            parse_size(bad, "--memory")


@given(total=st.integers(min_value=1, max_value=1 << 40), size=st.integers(min_value=0, max_value=1 << 40))
def test_partitions_stay_between_64_kb_and_64_mb_and_spread_over_the_workers(total: int, size: int) -> None:
    budget = MemoryBudget(total)
    for workers in (1, 2, 32):
        part = budget.partition_bytes(size, workers)
        assert 64 * 1024 <= part <= 64 * 1024**2
        if size >= 8 * workers * 64 * 1024 and total >= 64 * 1024**3:
            assert size // part >= 8 * workers - 1  # every worker gets several partitions
        assert budget.worker_limit(workers) >= MIN_WORKER_BYTES
        assert 20 <= budget.batch_articles() <= 200


def test_a_larger_budget_never_means_smaller_partitions_or_worker_limits() -> None:
    small, large = MemoryBudget.parse("1GB"), MemoryBudget.parse("16GB")
    assert small.partition_bytes(1 << 34, 2) <= large.partition_bytes(1 << 34, 2)
    assert small.worker_limit(2) <= large.worker_limit(2)
    assert large.worker_limit(2) == 16 * 1024**3 * 3 // 4 // 2
