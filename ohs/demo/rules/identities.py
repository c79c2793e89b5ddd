"""Valid-looking identities from a seeded random source: credit codes, ID numbers, names.

Codes carry correct check characters (the USCC's by python-stdnum, GB 32100-2015; the embedded
organisation code's by GB 11714-1997; the ID number's by python-stdnum, GB 11643-1999), so they
pass the same validation real input does.
"""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric, uscc

# GB 11714-1997: weights of the eight body characters of an organisation code, modulus 11.
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE_MODULUS = 11
_USCC_AUTHORITY_AND_KIND = "91"  # 9 = market regulation authority, 1 = enterprise (GB 32100-2015 table 1)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强红梅玉兰海燕晓东春"
    "雷宇航子涵欣怡浩然梓萱俊杰诗涵雨轩佳怡思远博文雅琪嘉豪晨阳"
)
COMPANY_WORDS = "恒盛宏达鑫源华泰永安金鼎瑞丰凯博天成正和信诚兴业润泽佳禾东升远航新辉中联汇通"


def org_code_check(body: str) -> str:
    """GB 11714-1997 check character for an eight-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    value = _ORG_CODE_MODULUS - total % _ORG_CODE_MODULUS
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(rng: random.Random, county_code: str) -> str:
    """A unified social credit code registered in ``county_code``."""
    body = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = _USCC_AUTHORITY_AND_KIND + county_code + body + org_code_check(body)
    return first17 + str(uscc.calc_check_digit(first17))


def make_id_number(rng: random.Random, county_code: str, born_between: tuple[dt.date, dt.date], sex: str) -> str:
    """A resident ID number issued in ``county_code``; the sequence digit's parity gives the sex."""
    start, end = born_between
    birth = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    sequence = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if sex == "M" else (0, 2, 4, 6, 8))
    first17 = f"{county_code}{birth:%Y%m%d}{sequence:03d}"
    # python-stdnum takes the number with a placeholder check digit and ignores the last character.
    return first17 + str(ric.calc_check_digit(first17 + "0"))


def make_person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def make_company_name(rng: random.Random, place: str, trade: str) -> str:
    """E.g. 上城恒盛机械制造有限公司: place, a two-character trade name, the trade, the legal form."""
    words = rng.sample(COMPANY_WORDS, 2)
    return f"{place}{''.join(words)}{trade}有限公司"
