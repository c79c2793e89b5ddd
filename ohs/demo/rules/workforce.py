"""Plans of an employer's workers: who they are, which post they hold, since when.

Pure and seeded. An employer's workers never share an ID number; uniqueness across the
province is settled afterwards, in order (ohs.demo.rules.province.settle_duplicates), so an
employer's workers can be planned anywhere, in any process, and come out the same.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ohs.demo.rules.employers import EmployerPlan
from ohs.demo.rules.identities import birth_date_of, make_id_number, make_mobile, make_person_name

BORN_BETWEEN = (dt.date(1966, 1, 1), dt.date(2005, 12, 31))
ADULT_AGE_YEARS = 18  # every demo worker started work as an adult
LONGEST_TENURE_DAYS = 25 * 365
# The youngest worker (born on BORN_BETWEEN's last day) is an adult from this day on.
EARLIEST_AS_OF = dt.date(BORN_BETWEEN[1].year + ADULT_AGE_YEARS, 12, 31)
# A share of Zhejiang's workforce comes from other provinces; their ID numbers carry the county
# of origin. Counties python-stdnum's register knows, so the numbers look up as well as validate.
MIGRANT_SHARE = 0.3
MIGRANT_ORIGINS = (
    "340121",  # 安徽省长丰县
    "412726",  # 河南省郸城县
    "412722",  # 河南省西华县
    "510521",  # 四川省泸县
    "510522",  # 四川省合江县
    "522422",  # 贵州省大方县
    "522426",  # 贵州省纳雍县
    "430521",  # 湖南省邵东县
    "362323",  # 江西省玉山县
    "532128",  # 云南省镇雄县
)
_ID_PREFIX_LENGTH = 17  # without the check character, which the rest determines


@dataclass(frozen=True, slots=True)
class WorkerPlan:
    name: str
    id_number: str
    sex: str
    birth_date: dt.date
    phone: str
    post: int  # index into EmployerPlan.posts
    started_on: dt.date


def adult_on(birth_date: dt.date) -> dt.date:
    """The 18th birthday (1 March for someone born on 29 February)."""
    try:
        return birth_date.replace(year=birth_date.year + ADULT_AGE_YEARS)
    except ValueError:
        return dt.date(birth_date.year + ADULT_AGE_YEARS, 3, 1)


def plan_started_on(rng: random.Random, birth_date: dt.date, as_of: dt.date) -> dt.date:
    """A start date on or after the 18th birthday, at most 25 years back, on or before ``as_of``."""
    earliest = max(adult_on(birth_date), as_of - dt.timedelta(days=LONGEST_TENURE_DAYS))
    if earliest > as_of:
        raise ValueError(f"someone born on {birth_date} is not an adult on {as_of}")
    return earliest + dt.timedelta(days=int(rng.random() * ((as_of - earliest).days + 1)))


def assign_posts(rng: random.Random, headcount: int, posts: int) -> list[int]:
    """Post indices for ``headcount`` workers: every post staffed first, the rest at random."""
    return [i if i < posts else rng.randrange(posts) for i in range(headcount)]


def id_key(number: str) -> int:
    """An ID number as an integer (its first 17 digits: the check character follows from them)."""
    return int(number[:_ID_PREFIX_LENGTH])


def draw_identity(rng: random.Random, home_county: str, female_share: float, taken: set[int]) -> tuple[str, str]:
    """(ID number, sex) not yet in ``taken``, which it joins; a migrant's number names their home county."""
    sex = "F" if rng.random() < female_share else "M"
    county = rng.choice(MIGRANT_ORIGINS) if rng.random() < MIGRANT_SHARE else home_county
    while True:
        number = make_id_number(rng, county, BORN_BETWEEN, sex)
        if id_key(number) not in taken:
            taken.add(id_key(number))
            return number, sex


def plan_worker(rng: random.Random, employer: EmployerPlan, post: int, as_of: dt.date, taken: set[int]) -> WorkerPlan:
    """One worker on post ``post`` of the employer, with an ID number not in ``taken``."""
    number, sex = draw_identity(rng, employer.county.code, employer.trade.female_share, taken)
    birth = birth_date_of(number)
    return WorkerPlan(
        name=make_person_name(rng, sex),
        id_number=number,
        sex=sex,
        birth_date=birth,
        phone=make_mobile(rng),
        post=post,
        started_on=plan_started_on(rng, birth, as_of),
    )


def plan_workforce(rng: random.Random, employer: EmployerPlan, as_of: dt.date) -> list[WorkerPlan]:
    """The employer's ``headcount`` workers, each on one of its posts; no ID number twice."""
    taken: set[int] = set()
    posts = assign_posts(rng, employer.headcount, len(employer.posts))
    return [plan_worker(rng, employer, post, as_of, taken) for post in posts]
