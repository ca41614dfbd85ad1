"""``emulator.defects`` is the union of what each dialect contributes, and each defect says where
it shows (``Defect.products``, read by the kill matrix)."""

from __future__ import annotations

import re

import pytest

import emulator.defects as union
from emulator.core.defect import Defect, index
from emulator.dialects import DIALECTS
from emulator.fibocom import defects as fibocom_defects
from emulator.profiles import PROFILES
from emulator.quectel.ec200 import defects as quectel_ec200_defects
from emulator.quectel.gsm import defects as quectel_gsm_defects
from emulator.telit import defects as telit_defects
from emulator.telit.products import GSM, THREE_FOUR_G, TWO_G


def _documents(clause: str) -> set[str]:
    # "telit-ssl-ug §4.2.2; telit-gsm-ssl §3.2" -> {"telit-ssl-ug", "telit-gsm-ssl"}
    return set(re.findall(r"([a-z][a-z0-9-]+) §", clause))


def test_the_union_is_every_dialect_contribution_once() -> None:
    contributed = (
        *telit_defects.DEFECTS, *quectel_gsm_defects.DEFECTS, *fibocom_defects.DEFECTS, *quectel_ec200_defects.DEFECTS
    )
    assert set(union.DEFECTS) == {d.name for d in contributed}
    assert all(union.DEFECTS[d.name] is d for d in contributed)


def test_a_name_contributed_twice_is_refused() -> None:
    one = Defect(name="x-one", clause="doc §1", description="d")
    with pytest.raises(ValueError, match="x-one is contributed twice"):
        index((one, one))


def test_every_telit_name_constant_is_a_defect_of_the_union() -> None:
    constants = {value for name, value in vars(telit_defects).items()
                 if name.isupper() and isinstance(value, str)}
    assert constants == {name for name in union.DEFECTS if name.startswith("telit-")}


def test_check_defects_names_the_valid_choices() -> None:
    assert union.check_defects(["telit-send-short"]) == frozenset({"telit-send-short"})
    with pytest.raises(ValueError, match="unknown defect 'no-such'; valid defects: telit-"):
        union.check_defects(["no-such"])


@pytest.mark.parametrize("defect", list(union.DEFECTS.values()), ids=lambda d: d.name)
def test_products_are_products_of_the_documents_the_clause_names(defect: Defect) -> None:
    documents = _documents(defect.clause)
    assert documents, f"{defect.name}: no document in {defect.clause!r}"
    assert all(PROFILES[p].dialect in DIALECTS for p in defect.products)
    for product in defect.products:
        assert product in PROFILES, f"{defect.name}: unknown product {product}"
        assert PROFILES[product].document in documents, (
            f"{defect.name}: {product} follows {PROFILES[product].document}, "
            f"which {defect.clause!r} does not name")


# Where a defect's switch has an effect, read from the dialect's code (telit-ssl-ug §3, §4.2.2,
# §5 Tab. 3): the rest show on every product of the documents their clause names.
LIMITED = {
    "telit-cert-format-always-reported": THREE_FOUR_G,
    "telit-seccfg2-wrong-default": THREE_FOUR_G,
    "telit-der-ignored": THREE_FOUR_G,
    "telit-null-sha-offered": THREE_FOUR_G,
    "telit-closure-type-1-accepted": THREE_FOUR_G,
    "telit-fastd-full-handshake": TWO_G | GSM,
    "telit-sslh-closure-type-ignored": TWO_G | GSM,
    "telit-sslsring-over-1300": THREE_FOUR_G,  # telit-ssl-ug §5.1.2.2.2: the 1300-byte chunks of 3G/4G
    "telit-2g-column-ignored": TWO_G,  # telit-ssl-ug §4.2.1: a non-zero id's §8.1.1 column (2G only)
}


def test_product_limited_defects() -> None:
    assert {n: d.products for n, d in union.DEFECTS.items() if d.products} == LIMITED
    assert TWO_G == {"telit/ge865", "telit/ge910", "telit/gl865-v3"}
    assert THREE_FOUR_G == {"telit/he910", "telit/le910-v2", "telit/le866"}
    assert GSM == {"telit-gsm/gc864"}
