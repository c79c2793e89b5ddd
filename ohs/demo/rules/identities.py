"""Valid-looking identities from a seeded random source: credit codes, ID numbers, names.

Codes carry correct check characters (the USCC's by python-stdnum, GB 32100-2015; the embedded
organisation code's by GB 11714-1997; the ID number's by python-stdnum, GB 11643-1999), so they
pass the same validation real input does. Names, places and phone numbers are synthetic.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from stdnum.cn import ric, uscc

# GB 11714-1997: weights of the eight body characters of an organisation code, modulus 11.
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE_MODULUS = 11
_USCC_AUTHORITY_AND_KIND = "91"  # 9 = market regulation authority, 1 = enterprise (GB 32100-2015 table 1)
# GB 11643-1999 4.3: the sequence code's last digit is odd for men and even for women.
_ODD_DIGITS, _EVEN_DIGITS = (1, 3, 5, 7, 9), (0, 2, 4, 6, 8)

# The commonest surnames first, weighted roughly as they are common; the rest share the tail.
_COMMON_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_COMMON_WEIGHTS = (71, 70, 67, 54, 45, 31, 22, 20, 20, 19, 13, 12, 11, 11, 10, 10, 9, 9, 9, 8)
_OTHER_SURNAMES = (
    "郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_OTHER_WEIGHT = 3
SURNAMES = _COMMON_SURNAMES + _OTHER_SURNAMES
_SURNAME_CUM_WEIGHTS = tuple(itertools.accumulate(_COMMON_WEIGHTS + (_OTHER_WEIGHT,) * len(_OTHER_SURNAMES)))
GIVEN_CHARS_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林洋峰建国志海东文晨阳振兴德荣"
GIVEN_CHARS_FEMALE = "芳娜敏静丽艳娟霞秀英兰梅玉燕红萍琳雪慧婷倩颖洁琴云莉晶佳欣怡萱涵雅琪月露"
COMPANY_WORDS = "恒盛宏达鑫源华泰永安金鼎瑞丰凯博天成正和信诚兴业润泽佳禾东升远航新辉中联汇通"
ROAD_WORDS = ("人民", "解放", "建设", "工业", "创业", "科技", "兴业", "振兴", "滨江", "新华", "长安", "富民")
_MOBILE_PREFIXES = ("13", "15", "17", "18", "19")
_ONE_CHARACTER_GIVEN_SHARE = 0.15  # most given names have two characters


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
    sequence = rng.randrange(0, 100) * 10 + rng.choice(_ODD_DIGITS if sex == "M" else _EVEN_DIGITS)
    first17 = f"{county_code}{birth:%Y%m%d}{sequence:03d}"
    # python-stdnum takes the number with a placeholder check digit and ignores the last character.
    return first17 + str(ric.calc_check_digit(first17 + "0"))


def birth_date_of(id_number: str) -> dt.date:
    """The birth date encoded in characters 7-14 of a resident ID number (GB 11643-1999 4.2)."""
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def make_person_name(rng: random.Random, sex: str = "") -> str:
    """A surname drawn by how common it is, and a one- or two-character given name fitting the sex."""
    pool = (
        GIVEN_CHARS_FEMALE
        if sex == "F"
        else GIVEN_CHARS_MALE
        if sex == "M"
        else rng.choice((GIVEN_CHARS_MALE, GIVEN_CHARS_FEMALE))
    )
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM_WEIGHTS)[0]
    given = rng.choice(pool) if rng.random() < _ONE_CHARACTER_GIVEN_SHARE else rng.choice(pool) + rng.choice(pool)
    return surname + given


def make_company_name(rng: random.Random, place: str, trade: str) -> str:
    """E.g. 上城恒盛机械制造有限公司: place, a two-character trade name, the trade, the legal form."""
    words = rng.sample(COMPANY_WORDS, 2)
    return f"{place}{''.join(words)}{trade}有限公司"


def make_mobile(rng: random.Random) -> str:
    """An eleven-digit mobile number with a common prefix."""
    return f"{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**9):09d}"


def make_address(rng: random.Random, county_name: str) -> str:
    """A street address in the county, e.g. 上城区建设路118号."""
    return f"{county_name}{rng.choice(ROAD_WORDS)}路{rng.randrange(1, 400)}号"
