"""Chinese names of the exposure engine's metric labels, as reports and pages show them."""

from __future__ import annotations


def metric_zh(metric: str) -> str:
    """A Chinese name for the engine's metric labels (C_TWA, C_STE, MAC, L_EX,8h, peak ...)."""
    for prefix, name in (
        ("C_TWA total dust", "C_TWA（总尘）"), ("C_TWA respirable dust", "C_TWA（呼尘）"), ("C_TWA", "C_TWA"),
        ("C_STE", "C_STE"), ("C_M", "C_M（最高浓度）"), ("MAC", "C_M（最高浓度）"),
        ("L_EX,8h", "L_EX,8h"), ("peak", "峰接触倍数"), ("excursion", "超限倍数"),
    ):  # fmt: skip
        if metric.startswith(prefix):
            return name + metric[len(prefix) :].replace("sample", "样品").replace("from", "始于").replace("min", "分")
    return metric
