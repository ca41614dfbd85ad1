"""Which profiles a known deviation names: an entry for a module the run does not test is not reported as stale."""

from __future__ import annotations

from harness.expectations import _profiles_named

EC200 = ["quectel-ec200/ec200m-cn", "quectel-ec200/ec200n-cn", "quectel-ec200/ec800m-cn", "quectel-ec200/ec800n-cn"]


def test_an_exact_id_names_its_profile() -> None:
    assert _profiles_named("conformance/telit/t.py::test_x[telit/le910-v2-TLS_RSA_WITH_AES_128_CBC_SHA]") == [
        "telit/le910-v2"
    ]


def test_a_wildcard_product_names_every_product_of_its_document() -> None:
    # '[[]' is fnmatch's literal '['; the pattern's '*' stands for the product.
    pattern = "conformance/q/t.py::test_x[[]quectel-ec200/*-TLS_ECDH_RSA_WITH_RC4_128_SHA]"
    assert sorted(_profiles_named(pattern)) == EC200


def test_an_id_without_a_profile_names_none() -> None:
    assert _profiles_named("*test_that_does_not_exist*") == []
