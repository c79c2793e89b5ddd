"""The demo's trades: their workplaces, posts and the hazards at each post.

Synthetic data written for the demo province, not a survey: typical posts of each trade with
hazards of the kinds the 职业病危害因素分类目录 (国卫疾控发〔2015〕92号) lists for such work, named
as the hazard catalogue names them (``Agent.name_zh``). Industry codes come from
reference/industries_gbt4754.csv (GB/T 4754-2017).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ohs.demo.rules.employers import PostSpec, Trade, WorkplaceSpec

INDUSTRIES_CSV = Path(__file__).resolve().parents[2] / "reference" / "industries_gbt4754.csv"

BENZENES = ("苯", "甲苯", "二甲苯(全部异构体)")
NOISE = "噪声"
HEAT = "高温"
OTHER_DUST = "其他粉尘"
HARDWOOD = "木粉尘(硬木)"
COTTON = "棉尘"


def _w(name: str, *posts: tuple[str, tuple[str, ...]]) -> WorkplaceSpec:
    return WorkplaceSpec(name, tuple(PostSpec(post, hazards) for post, hazards in posts))


TRADES: tuple[Trade, ...] = (
    Trade(
        "机械制造",
        "34",
        weight=24,
        female_share=0.15,
        workplaces=(
            _w(
                "焊接车间",
                ("电焊工", ("电焊烟尘", "锰及其无机化合物(按MnO2计)", NOISE)),
                ("气割工", ("电焊烟尘", NOISE)),
            ),
            _w("打磨车间", ("打磨工", ("砂轮磨尘", NOISE)), ("抛光工", (OTHER_DUST, NOISE))),
            _w("机加工车间", ("车工", (NOISE,)), ("冲压工", (NOISE,)), ("钳工", ())),
            _w("涂装车间", ("喷漆工", BENZENES), ("调漆工", ("甲苯", "二甲苯(全部异构体)"))),
            _w("热处理车间", ("热处理工", (HEAT,)), ("淬火工", (HEAT, NOISE))),
        ),
    ),
    Trade(
        "化工",
        "26",
        weight=10,
        female_share=0.25,
        workplaces=(
            _w("合成车间", ("操作工", BENZENES), ("巡检工", ("甲苯", "二甲苯(全部异构体)", NOISE))),
            _w("罐区", ("装卸工", ("苯", "甲苯")), ("罐区操作工", ("苯", "甲苯"))),
            _w("包装车间", ("包装工", (OTHER_DUST, NOISE)), ("叉车工", (NOISE,))),
            _w("质检中心", ("化验员", ("苯", "甲苯")), ("取样工", BENZENES)),
        ),
    ),
    Trade(
        "建材",
        "30",
        weight=10,
        female_share=0.1,
        workplaces=(
            _w("破碎车间", ("破碎工", ("矽尘", NOISE)), ("筛分工", ("矽尘", NOISE))),
            _w("粉磨车间", ("磨机工", ("矽尘", NOISE)), ("配料工", ("矽尘",))),
            _w("窑炉车间", ("看火工", (HEAT, OTHER_DUST)), ("窑炉巡检工", (HEAT, NOISE))),
            _w(
                "成品车间",
                ("包装工", ("水泥粉尘(游离SiO2<10%)", NOISE)),
                ("装车工", ("水泥粉尘(游离SiO2<10%)",)),
            ),
        ),
    ),
    Trade(
        "纺织",
        "17",
        weight=22,
        female_share=0.65,
        workplaces=(
            _w("纺纱车间", ("梳棉工", (COTTON, NOISE)), ("细纱工", (COTTON, NOISE)), ("络筒工", (COTTON, NOISE))),
            _w("织布车间", ("织布工", (COTTON, NOISE)), ("挡车工", (COTTON, NOISE))),
            _w("印染车间", ("染色工", (HEAT,)), ("定型工", (HEAT, NOISE))),
            _w("整理车间", ("验布工", (COTTON,)), ("打包工", (COTTON, NOISE))),
        ),
    ),
    Trade(
        "电子",
        "39",
        weight=14,
        female_share=0.55,
        workplaces=(
            _w("焊锡车间", ("焊锡工", ("铅烟(按Pb计)",)), ("波峰焊操作工", ("铅烟(按Pb计)", HEAT))),
            _w("清洗车间", ("清洗工", ("正己烷",)), ("擦拭工", ("正己烷",))),
            _w("注塑车间", ("注塑工", (NOISE, HEAT)), ("修边工", (NOISE,))),
            _w("组装车间", ("装配工", ()), ("检验员", ())),
        ),
    ),
    Trade(
        "家具",
        "21",
        weight=12,
        female_share=0.3,
        workplaces=(
            _w("木工车间", ("开料工", (HARDWOOD, NOISE)), ("木工", (HARDWOOD, NOISE)), ("砂光工", (HARDWOOD, NOISE))),
            _w("喷漆车间", ("喷漆工", BENZENES), ("调漆工", ("甲苯", "二甲苯(全部异构体)"))),
            _w("打磨车间", ("打磨工", (HARDWOOD, NOISE)), ("底漆打磨工", (HARDWOOD, OTHER_DUST))),
            _w("包装车间", ("包装工", ()), ("叉车工", (NOISE,))),
        ),
    ),
    Trade(
        "印刷",
        "23",
        weight=8,
        female_share=0.4,
        workplaces=(
            _w("印刷车间", ("印刷机长", ("甲苯", NOISE)), ("印刷工", ("甲苯", NOISE))),
            _w("复合车间", ("覆膜工", ("甲苯", "乙酸乙酯")), ("复合工", ("甲苯", "乙酸乙酯"))),
            _w("裁切车间", ("裁切工", (NOISE, OTHER_DUST)), ("模切工", (NOISE,))),
        ),
    ),
)


def hazard_names() -> list[str]:
    """Every hazard the trades name, once each, in the order they first appear."""
    names: dict[str, None] = {}
    for trade in TRADES:
        for workplace in trade.workplaces:
            for post in workplace.posts:
                names.update(dict.fromkeys(post.hazards))
    return list(names)


@lru_cache(maxsize=1)
def industry_groups() -> dict[str, tuple[str, ...]]:
    """GB/T 4754-2017 group codes of each trade's division (the division itself if it has none)."""
    with INDUSTRIES_CSV.open(encoding="utf-8") as handle:
        groups = [row["code"] for row in csv.DictReader(handle) if row["level"] == "group"]
    return {
        t.industry_division: tuple(g for g in groups if g.startswith(t.industry_division)) or (t.industry_division,)
        for t in TRADES
    }
